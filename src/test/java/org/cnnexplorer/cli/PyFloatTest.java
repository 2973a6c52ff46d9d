package org.cnnexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PyFloatTest {
    @Test
    void printsLikePythonRepr() {
        // Each expected string is what python3 prints for the same double.
        assertEquals("0.5979384893783474", PyFloat.repr(0.5979384893783474));
        assertEquals("0.78", PyFloat.repr(780 / 1000.0));
        assertEquals("0.833", PyFloat.repr(833 / 1000.0));
        assertEquals("0.9694", PyFloat.repr(9694 / 10000.0));
        assertEquals("1.0", PyFloat.repr(1.0));
        assertEquals("0.0", PyFloat.repr(0.0));
        assertEquals("-0.0", PyFloat.repr(-0.0));
        assertEquals("0.1", PyFloat.repr(0.1));
        assertEquals("0.30000000000000004", PyFloat.repr(0.1 + 0.2));
        assertEquals("0.0001", PyFloat.repr(0.0001));
        assertEquals("1e-05", PyFloat.repr(0.00001));
        assertEquals("1.5e-07", PyFloat.repr(1.5e-7));
        assertEquals("123.0", PyFloat.repr(123.0));
        assertEquals("1234567890123456.0", PyFloat.repr(1234567890123456.0));
        assertEquals("1e+16", PyFloat.repr(1e16));
        assertEquals("2.5e+20", PyFloat.repr(2.5e20));
        assertEquals("-2.25", PyFloat.repr(-2.25));
        assertEquals("5e-324", PyFloat.repr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PyFloat.repr(Double.MAX_VALUE));
        // Java 17's Double.toString gives 2.82879384806159008E17 here: more digits than needed.
        assertEquals("2.82879384806159e+17", PyFloat.repr(2.82879384806159e17));
        assertEquals("nan", PyFloat.repr(Double.NaN));
        assertEquals("inf", PyFloat.repr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PyFloat.repr(Double.NEGATIVE_INFINITY));
    }
}
