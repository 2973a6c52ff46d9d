"""Writes the .npz test fixtures with real NumPy, and the probabilities the article's own forward
pass gives for a few MNIST test images, so the Java tests can check both the file format and the
order in which softmax_weights is flattened.

Run from the repository root:  python3 src/test/python/make_npz_fixtures.py
The outputs are committed; rerun only to change them.
"""
import gzip
import io
import os
import zipfile

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "org", "cnnexplorer", "io")
IMAGES = [0, 1, 2]  # indices into the MNIST test set (labels 7, 2, 1)


def test_images():
    with gzip.open(os.path.join(ROOT, "assets", "mnist", "t10k-images-idx3-ubyte.gz")) as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(-1, 28, 28)


def article_forward(image, filters, weights, biases):
    """conv.py, maxpool.py and softmax.py of the article, written out with the same maths."""
    x = (image / 255) - 0.5
    f = filters.shape[0]
    conv = np.zeros((26, 26, f))
    for i in range(26):
        for j in range(26):
            conv[i, j] = np.sum(x[i:i + 3, j:j + 3] * filters, axis=(1, 2))
    pool = np.zeros((13, 13, f))
    for i in range(13):
        for j in range(13):
            pool[i, j] = np.amax(conv[i * 2:i * 2 + 2, j * 2:j * 2 + 2], axis=(0, 1))
    totals = np.dot(pool.flatten(), weights) + biases
    e = np.exp(totals)
    return e / np.sum(e, axis=0)


def model(rng, f, dtype):
    # Larger than the article's initialisation so the probabilities are far from uniform and a
    # wrong flatten order changes them a lot.
    filters = (rng.standard_normal((f, 3, 3)) / 2).astype(dtype)
    weights = (rng.standard_normal((13 * 13 * f, 10)) / 20).astype(dtype)
    biases = (rng.standard_normal(10) / 2).astype(dtype)
    return filters, weights, biases


def expected(images, filters, weights, biases):
    as64 = [a.astype(np.float64) for a in (filters, weights, biases)]
    return np.array([article_forward(images[i], *as64) for i in IMAGES])


def npy_bytes(array, version):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, version=version)
    return buf.getvalue()


def main():
    images = test_images()
    picked = images[IMAGES].astype(np.float64)
    rng = np.random.default_rng(20240601)

    # 1. np.savez: float64, stored entries, 8 filters like the article.
    m = model(rng, 8, np.float64)
    np.savez(os.path.join(OUT, "numpy_f8_stored.npz"),
             conv_filters=m[0], softmax_weights=m[1], softmax_biases=m[2],
             image=picked, expected_probs=expected(images, *m))

    # 2. np.savez_compressed: float32, deflated entries, 5 filters.
    m = model(rng, 5, np.float32)
    np.savez_compressed(os.path.join(OUT, "numpy_f4_deflated.npz"),
                        conv_filters=m[0], softmax_weights=m[1], softmax_biases=m[2],
                        image=picked, expected_probs=expected(images, *m))

    # 3. npy versions 2.0 and 3.0, big-endian float64 and little-endian float32, 2 filters.
    f64 = model(rng, 2, np.float64)
    m = (f64[0], f64[1].astype(">f8"), f64[2].astype(np.float32))
    with zipfile.ZipFile(os.path.join(OUT, "numpy_versions.npz"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("conv_filters.npy", npy_bytes(m[0], (2, 0)))
        z.writestr("softmax_weights.npy", npy_bytes(m[1], (3, 0)))
        z.writestr("softmax_biases.npy", npy_bytes(m[2], (1, 0)))
        z.writestr("image.npy", npy_bytes(picked, (1, 0)))
        z.writestr("expected_probs.npy", npy_bytes(expected(images, *m), (1, 0)))

    # 4. Files that must be refused: Fortran order, an integer dtype, a bare .npy.
    m = model(rng, 8, np.float64)
    np.savez(os.path.join(OUT, "numpy_fortran.npz"),
             conv_filters=m[0], softmax_weights=np.asfortranarray(m[1]), softmax_biases=m[2])
    np.savez(os.path.join(OUT, "numpy_int.npz"),
             conv_filters=np.ones((8, 3, 3), dtype=np.int64), softmax_weights=m[1], softmax_biases=m[2])
    np.save(os.path.join(OUT, "numpy_single.npy"), m[0])

    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))
    print(expected(images, *model(np.random.default_rng(20240601), 8, np.float64)).round(3))


if __name__ == "__main__":
    main()
