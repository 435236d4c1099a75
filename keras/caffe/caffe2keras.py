"""Command-line converter of Caffe models:

    python -m keras.caffe.caffe2keras -load_path DIR -prototxt deploy.prototxt
        -caffemodel weights.caffemodel [-store_path DIR] [-phase test]
        [-debug]

(also installed as the `caffe2keras` command). Reads both files from
`load_path` and writes `Keras_model_structure.json` (the model's JSON) and
`Keras_model_weights.h5` (`save_weights`) into `store_path` (default:
`load_path`), printing a line per converted layer. Load them back with

    import keras.caffe  # registers the converter's extra layers
    model = keras.models.model_from_json(open(json_path).read())
    model.load_weights(weights_path)
"""
import argparse
import os
import sys

STRUCTURE_FILE = 'Keras_model_structure.json'
WEIGHTS_FILE = 'Keras_model_weights.h5'


def _parser():
    parser = argparse.ArgumentParser(
        prog='caffe2keras',
        description='Converts a Caffe model (prototxt + caffemodel) into a '
                    'Keras model (JSON structure + HDF5 weights).')
    parser.add_argument('-load_path', required=True,
                        help='folder holding the prototxt and caffemodel')
    parser.add_argument('-prototxt', required=True,
                        help='name of the net definition file in load_path')
    parser.add_argument('-caffemodel', required=True,
                        help='name of the weights file in load_path')
    parser.add_argument('-store_path', default=None,
                        help='output folder (default: load_path)')
    parser.add_argument('-phase', default='train', choices=['train', 'test'],
                        help="phase of the include/exclude rules (default: "
                             "'train', as the fork)")
    parser.add_argument('-data_format', default=None,
                        choices=['channels_first', 'channels_last'],
                        help='image data format (default: the configured '
                             'one)')
    parser.add_argument('-debug', action='store_true',
                        help='print the shapes of every blob and weight')
    return parser


def main(args):
    """Runs the converter.

    # Arguments
        args: the command-line arguments (a list of strings without the
            program name), or an `argparse.Namespace` with the attributes
            `load_path`, `prototxt`, `caffemodel`, `store_path`, `debug`
            (and optionally `phase`, `data_format`).

    # Returns
        The paths of the JSON and HDF5 files written.
    """
    if not isinstance(args, argparse.Namespace):
        args = _parser().parse_args(args)
    from .convert import caffe_to_keras

    store_path = args.store_path or args.load_path
    os.makedirs(store_path, exist_ok=True)
    model = caffe_to_keras(os.path.join(args.load_path, args.prototxt),
                           os.path.join(args.load_path, args.caffemodel),
                           phase=getattr(args, 'phase', 'train'),
                           debug=args.debug,
                           data_format=getattr(args, 'data_format', None),
                           verbose=True)
    structure = os.path.join(store_path, STRUCTURE_FILE)
    weights = os.path.join(store_path, WEIGHTS_FILE)
    with open(structure, 'w') as f:
        f.write(model.to_json())
    model.save_weights(weights, overwrite=True)
    print('Wrote %s and %s.' % (structure, weights))
    return structure, weights


def run():
    """Entry point of the `caffe2keras` console script."""
    try:
        main(sys.argv[1:])
    except (ValueError, OSError) as e:
        sys.exit('caffe2keras: error: %s' % (e,))


if __name__ == '__main__':
    run()
