package io.asobi.metagame;

import java.util.Map;

/**
 * A refused account operation, carrying its asobi-spec §3.10 error code.
 */
public final class AccountException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient Map<String, Object> details;

    /**
     * @param code    error code, for example {@code auth.username_taken}.
     * @param message human readable message.
     * @param details {@code error.details} entries (for {@code validation_failed}: {@code fields}, a map of field
     *                name to a list of messages); never null.
     */
    public AccountException(final String code, final String message, final Map<String, Object> details)
    {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    /**
     * @return the error code.
     */
    public String code()
    {
        return code;
    }

    /**
     * @return the details, never null.
     */
    public Map<String, Object> details()
    {
        return details;
    }
}
