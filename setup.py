"""Installs the `keras` distribution (Keras 2.3 API, version 2.3.1.x).

Install the engines first and this package last, without dependencies, so that
it replaces the Keras 3 that TensorFlow pulls in:

    pip install -r requirements.txt && pip install --no-deps .
"""
import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def read_version():
    with open(os.path.join(HERE, 'keras', '__init__.py')) as f:
        return re.search(r"__version__ = '([^']+)'", f.read()).group(1)


def read_requirements(name):
    with open(os.path.join(HERE, name)) as f:
        return [line.strip() for line in f
                if line.strip() and not line.startswith(('#', '-'))]


setup(
    name='keras',
    version=read_version(),
    description='Keras 2.3 for multimodal and sequence-to-sequence learning, '
                'on TensorFlow 2 and PyTensor',
    long_description=open(os.path.join(HERE, 'README.md')).read(),
    long_description_content_type='text/markdown',
    license='MIT',
    python_requires='>=3.9',
    packages=find_packages(include=['keras', 'keras.*']),
    package_data={'keras.caffe': ['caffe.proto']},
    entry_points={
        'console_scripts': ['caffe2keras = keras.caffe.caffe2keras:run'],
    },
    install_requires=read_requirements('requirements.txt'),
    extras_require={
        'tests': read_requirements('requirements-test.txt'),
        'visualize': ['pydot>=1.2.4'],
        'image': ['pillow'],
    },
    classifiers=[
        'Programming Language :: Python :: 3',
        'License :: OSI Approved :: MIT License',
        'Topic :: Scientific/Engineering :: Artificial Intelligence',
    ],
)
