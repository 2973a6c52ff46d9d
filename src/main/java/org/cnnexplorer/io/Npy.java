package org.cnnexplorer.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One NumPy {@code .npy} array of floating-point numbers: the magic {@code \x93NUMPY}, two version
 * bytes, a little-endian header length (2 bytes in version 1.0, 4 in 2.0 and 3.0), a Python dict
 * literal such as {@code {'descr': '<f8', 'fortran_order': False, 'shape': (8, 3, 3), }}, then the
 * raw data in C order.
 *
 * <p>Reads float64 and float32 ({@code f8}, {@code f4}) in either byte order; writes version 1.0
 * {@code <f8} with the header padded so the data starts on a 64-byte boundary, as NumPy does.
 */
public record Npy(int[] shape, double[] data) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;

    public Npy {
        if (data.length != size(shape)) {
            throw new IllegalArgumentException("shape " + shapeText(shape) + " does not hold " + data.length + " values");
        }
    }

    /** The shape the way NumPy prints it: (8, 3, 3), (10,), (). */
    public static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int d : shape) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }

    public String shapeText() {
        return shapeText(shape);
    }

    /** Parses a whole .npy file; {@code name} is used in messages ("model.npz: conv_filters"). */
    public static Npy read(byte[] b, String name) throws ModelFileException {
        if (b.length < 10 || !Arrays.equals(Arrays.copyOf(b, 6), MAGIC)) {
            throw new ModelFileException(name + " is not a NumPy .npy array (no \\x93NUMPY magic)");
        }
        int major = b[6] & 0xff;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new ModelFileException(name + " is truncated: its .npy header is incomplete");
            }
            headerLen = bb.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new ModelFileException(name + " uses .npy format version " + major + "." + (b[7] & 0xff) + "; versions 1.0, 2.0 and 3.0 are supported");
        }
        if (headerStart + headerLen > b.length) {
            throw new ModelFileException(name + " is truncated: its .npy header is incomplete");
        }
        // Version 3.0 allows UTF-8 in the header (field names); the keys we need are ASCII either way.
        String header = new String(b, headerStart, (int) headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = HeaderParser.parseDict(header, name);

        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeObj = dict.get("shape");
        if (!(descr instanceof String) || !(fortran instanceof Boolean) || !(shapeObj instanceof int[])) {
            throw new ModelFileException(name + " has a .npy header without descr, fortran_order and shape: " + header.trim());
        }
        if ((Boolean) fortran) {
            throw new ModelFileException(name + " is stored in Fortran order; save it in C order (np.ascontiguousarray)");
        }
        int[] shape = (int[]) shapeObj;
        String d = (String) descr;
        ByteOrder order;
        int width;
        switch (d) {
            // '=' is "native", '|' is "not applicable": both come from little-endian machines in practice.
            case "<f8", "=f8", "|f8" -> { order = ByteOrder.LITTLE_ENDIAN; width = 8; }
            case ">f8" -> { order = ByteOrder.BIG_ENDIAN; width = 8; }
            case "<f4", "=f4", "|f4" -> { order = ByteOrder.LITTLE_ENDIAN; width = 4; }
            case ">f4" -> { order = ByteOrder.BIG_ENDIAN; width = 4; }
            default -> throw new ModelFileException(name + " has dtype '" + d + "'; expected float64 ('<f8') or float32 ('<f4')");
        }
        long count = 1;
        for (int dim : shape) {
            // Stop early once it is clearly too big; dims are < 2^31, so this cannot overflow.
            count = Math.min(count * dim, (long) b.length + 1);
        }
        long dataStart = headerStart + headerLen;
        long need = count * width;
        if (dataStart + need > b.length) {
            // count stops growing once it is too big, so the message works out the true size on its own.
            throw new ModelFileException(name + " is truncated: shape " + shapeText(shape) + " needs " + byteSize(shape, width)
                    + " of data, the entry has " + (b.length - dataStart) + " bytes");
        }
        double[] data = new double[(int) count];
        ByteBuffer body = ByteBuffer.wrap(b, (int) dataStart, (int) need).slice().order(order);
        if (width == 8) {
            body.asDoubleBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = body.getFloat(i * 4);
            }
        }
        return new Npy(shape, data);
    }

    /** The exact size of an array, in bytes, with a readable unit when it is large: "144,000,000,000 bytes (144 GB)". */
    static String byteSize(int[] shape, int width) {
        java.math.BigInteger n = java.math.BigInteger.valueOf(width);
        for (int d : shape) {
            n = n.multiply(java.math.BigInteger.valueOf(d));
        }
        String exact = String.format(java.util.Locale.ROOT, "%,d bytes", n);
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double v = n.doubleValue();
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u < 0 ? exact : exact + String.format(java.util.Locale.ROOT, " (%.3g %s)", v, units[u]);
    }

    /** This array as a version 1.0 {@code <f8} .npy file. */
    public byte[] toBytes() {
        byte[] header = header(shape);
        ByteBuffer bb = ByteBuffer.allocate(header.length + data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(header);
        bb.asDoubleBuffer().put(data);
        return bb.array();
    }

    /** The version 1.0 {@code <f8} header for an array of this shape, for writing the data after it in pieces. */
    public static byte[] header(int[] shape) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        // magic (6) + version (2) + length (2) + dict + padding + '\n' is a multiple of 64.
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int total = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        bb.put(header.getBytes(StandardCharsets.US_ASCII));
        return bb.array();
    }

    private static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (d < 0 || n > Integer.MAX_VALUE / 8) {
                throw new IllegalArgumentException("implausible shape " + Arrays.toString(shape));
            }
        }
        return (int) n;
    }

    /** Just enough of Python's literal syntax for .npy headers: a dict of strings, booleans and int tuples. */
    static final class HeaderParser {
        private final String s;
        private final String name;
        private int pos;

        private HeaderParser(String s, String name) {
            this.s = s;
            this.name = name;
        }

        static Map<String, Object> parseDict(String header, String name) throws ModelFileException {
            HeaderParser p = new HeaderParser(header, name);
            try {
                Map<String, Object> m = p.dict();
                p.skipSpace();
                if (p.pos != p.s.length()) {
                    throw p.error();
                }
                return m;
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                throw p.error();
            }
        }

        private ModelFileException error() {
            return new ModelFileException(name + " has an unreadable .npy header: " + s.trim());
        }

        private Map<String, Object> dict() throws ModelFileException {
            expect('{');
            Map<String, Object> m = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return m;
                }
                String key = string();
                expect(':');
                m.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error();
                }
            }
        }

        private Object value() throws ModelFileException {
            skipSpace();
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw error();
        }

        private int[] tuple() throws ModelFileException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    return dims.stream().mapToInt(Integer::intValue).toArray();
                }
                int start = pos;
                while (Character.isDigit(peek())) {
                    pos++;
                }
                // Python 2 era files may write 3L for a long.
                String digits = s.substring(start, pos);
                if (peek() == 'L') {
                    pos++;
                }
                if (digits.isEmpty()) {
                    throw error();
                }
                dims.add(Integer.parseInt(digits));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw error();
                }
            }
        }

        private String string() throws ModelFileException {
            skipSpace();
            char q = peek();
            if (q != '\'' && q != '"') {
                throw error();
            }
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw error();
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        private void expect(char c) throws ModelFileException {
            skipSpace();
            if (peek() != c) {
                throw error();
            }
            pos++;
        }

        private char peek() {
            return s.charAt(pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
