package io.asobi.client;

/**
 * An HTTP call answered with an error status.
 */
public final class AsobiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    AsobiException(final int status, final String code, final String message)
    {
        super(status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
    }

    /**
     * @return the HTTP status.
     */
    public int status()
    {
        return status;
    }

    /**
     * @return the {@code error.code} of the body, or null if the body had none.
     */
    public String code()
    {
        return code;
    }
}
