package org.cnnexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyTest {
    /** A version 1.0 .npy header for the given shape text, with no data after it. */
    static byte[] headerOnly(String shape) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int len = dict.length() + 1;
        int pad = (64 - (10 + len) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] b = new byte[10 + header.length()];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, b, 0, 8);
        b[8] = (byte) header.length();
        b[9] = (byte) (header.length() >> 8);
        System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, b, 10, header.length());
        return b;
    }

    @Test
    void aHugeShapeIsReportedWithItsTrueSize() {
        // 100000 x 180000 doubles: 144 GB. The reader stops counting early; the message must not.
        byte[] b = Arrays.copyOf(headerOnly("(100000, 180000)"), headerOnly("(100000, 180000)").length + 200);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Npy.read(b, "w.npy"));
        assertEquals("w.npy is truncated: shape (100000, 180000) needs 144,000,000,000 bytes (144 GB) of data, the entry has 200 bytes",
                e.getMessage());
    }

    @Test
    void aSmallShortArraySaysBytesOnly() {
        byte[] b = Arrays.copyOf(headerOnly("(8, 3, 3)"), headerOnly("(8, 3, 3)").length + 16);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Npy.read(b, "f.npy"));
        assertEquals("f.npy is truncated: shape (8, 3, 3) needs 576 bytes of data, the entry has 16 bytes", e.getMessage());
    }
}
