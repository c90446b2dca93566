package org.minialbert.api;

/** A checkpoint or model file cannot be read, or its tensors do not fit the model: names the tensor and both shapes. */
public class CheckpointException extends MiniAlbertException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
