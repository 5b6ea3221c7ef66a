package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field checks of registration and profile updates; each returns the messages per wire field name
 * ({@code username}, {@code password}, {@code display_name}, {@code avatar_url}, {@code metadata}), empty when valid.
 * Lengths count Unicode code points.
 */
final class Validation
{
    static final int USERNAME_MIN = 3;
    static final int USERNAME_MAX = 32;
    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 128;
    static final int DISPLAY_NAME_MAX = 64;
    static final int AVATAR_URL_MAX = 2048;
    static final int METADATA_MAX_BYTES = 16 * 1024;

    static final String REQUIRED = "is required";
    static final String USERNAME_LENGTH = "must be " + USERNAME_MIN + " to " + USERNAME_MAX + " characters";
    static final String USERNAME_CHARACTERS = "may only contain letters, digits, '_' and '-'";
    static final String PASSWORD_LENGTH = "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters";
    static final String DISPLAY_NAME_LENGTH = "must be at most " + DISPLAY_NAME_MAX + " characters";
    static final String NOT_BLANK = "must not be blank";
    static final String NO_CONTROL_CHARACTERS = "must not contain control characters";
    static final String AVATAR_URL_LENGTH = "must be at most " + AVATAR_URL_MAX + " characters";
    static final String METADATA_OBJECT = "must be a JSON object";
    static final String METADATA_SIZE = "must be at most " + METADATA_MAX_BYTES + " bytes encoded";

    private Validation()
    {
    }

    static Map<String, List<String>> registration(
        final String username, final String password, final String displayName)
    {
        final Map<String, List<String>> fields = new LinkedHashMap<>();
        add(fields, "username", username(username));
        add(fields, "password", password(password));
        add(fields, "display_name", displayName(displayName));
        return fields;
    }

    static Map<String, List<String>> profile(final String displayName, final String avatarUrl, final int metadataBytes,
        final JsonNode metadata)
    {
        final Map<String, List<String>> fields = new LinkedHashMap<>();
        add(fields, "display_name", displayName(displayName));
        if (null != avatarUrl)
        {
            final List<String> messages = new ArrayList<>(2);
            if (avatarUrl.codePointCount(0, avatarUrl.length()) > AVATAR_URL_MAX)
            {
                messages.add(AVATAR_URL_LENGTH);
            }
            if (hasControlCharacter(avatarUrl))
            {
                messages.add(NO_CONTROL_CHARACTERS);
            }
            add(fields, "avatar_url", messages);
        }
        if (null != metadata)
        {
            if (!metadata.isObject())
            {
                add(fields, "metadata", List.of(METADATA_OBJECT));
            }
            else if (metadataBytes > METADATA_MAX_BYTES)
            {
                add(fields, "metadata", List.of(METADATA_SIZE));
            }
        }
        return fields;
    }

    static List<String> username(final String username)
    {
        if (null == username)
        {
            return List.of(REQUIRED);
        }
        final List<String> messages = new ArrayList<>(2);
        if (username.length() < USERNAME_MIN || username.length() > USERNAME_MAX)
        {
            messages.add(USERNAME_LENGTH);
        }
        if (!hasUsernameCharactersOnly(username))
        {
            messages.add(USERNAME_CHARACTERS);
        }
        return messages;
    }

    static boolean isWellFormedUsername(final String username)
    {
        return null != username && username.length() >= USERNAME_MIN && username.length() <= USERNAME_MAX &&
            hasUsernameCharactersOnly(username);
    }

    static boolean isWellFormedPassword(final String password)
    {
        return null != password && password(password).isEmpty();
    }

    private static List<String> password(final String password)
    {
        if (null == password)
        {
            return List.of(REQUIRED);
        }
        if (password.length() > 2 * PASSWORD_MAX)
        {
            return List.of(PASSWORD_LENGTH);
        }
        final int codePoints = password.codePointCount(0, password.length());
        return codePoints < PASSWORD_MIN || codePoints > PASSWORD_MAX ? List.of(PASSWORD_LENGTH) : List.of();
    }

    private static List<String> displayName(final String displayName)
    {
        if (null == displayName)
        {
            return List.of();
        }
        final List<String> messages = new ArrayList<>(2);
        if (displayName.length() > 2 * DISPLAY_NAME_MAX ||
            displayName.codePointCount(0, displayName.length()) > DISPLAY_NAME_MAX)
        {
            messages.add(DISPLAY_NAME_LENGTH);
        }
        if (displayName.isBlank())
        {
            messages.add(NOT_BLANK);
        }
        if (hasControlCharacter(displayName))
        {
            messages.add(NO_CONTROL_CHARACTERS);
        }
        return messages;
    }

    private static boolean hasUsernameCharactersOnly(final String username)
    {
        for (int i = 0, n = username.length(); i < n; i++)
        {
            final char c = username.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacter(final String value)
    {
        for (int i = 0, n = value.length(); i < n; i++)
        {
            if (Character.isISOControl(value.charAt(i)))
            {
                return true;
            }
        }
        return false;
    }

    private static void add(final Map<String, List<String>> fields, final String field, final List<String> messages)
    {
        if (!messages.isEmpty())
        {
            fields.put(field, List.copyOf(messages));
        }
    }
}
