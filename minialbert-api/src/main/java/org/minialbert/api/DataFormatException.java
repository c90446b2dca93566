package org.minialbert.api;

/** Input data (text, token ids, tensors in a file) does not have the expected form. */
public class DataFormatException extends MiniAlbertException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
