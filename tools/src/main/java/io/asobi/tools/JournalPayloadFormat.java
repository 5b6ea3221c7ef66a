package io.asobi.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.match.MatchJournalRecords;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An input payload as one line of text: valid UTF-8 JSON as itself (re-serialised compactly if it spans lines),
 * anything else as {@code hex:<lowercase hex>}, nothing as {@code (empty)}.
 */
final class JournalPayloadFormat
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ObjectMapper mapper = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * A match's join or leave record ({@link MatchJournalRecords}) as {@code join player <id> [ctx <json>]}; other
     * types, or bytes that are not such a record, are formatted by {@link #format}.
     */
    String formatMatchRecord(final int inputType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (MatchJournalRecords.CODE == inputType && Long.BYTES == length)
        {
            return String.format("code reloaded 0x%016x", MatchJournalRecords.codeHash(buffer, offset, length));
        }
        final boolean isJoin = MatchJournalRecords.JOIN == inputType;
        final String playerId = isJoin || MatchJournalRecords.LEAVE == inputType ?
            MatchJournalRecords.playerId(buffer, offset, length) : null;
        if (null == playerId)
        {
            return format(buffer, offset, length);
        }
        final int ctxOffset = MatchJournalRecords.contextOffset(buffer, offset);
        final String rest = ctxOffset == offset + length ? "" :
            " ctx " + format(buffer, ctxOffset, offset + length - ctxOffset);
        return (isJoin ? "join player " : "leave player ") + playerId + rest;
    }

    String format(final DirectBuffer buffer, final int offset, final int length)
    {
        if (0 == length)
        {
            return "(empty)";
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final String json = json(bytes);
        return null != json ? json : hex(bytes);
    }

    private String json(final byte[] bytes)
    {
        final String text;
        try
        {
            final CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes));
            text = chars.toString();
        }
        catch (final CharacterCodingException ex)
        {
            return null;
        }
        try
        {
            final JsonNode tree = mapper.readTree(text);
            if (null == tree || tree.isMissingNode())
            {
                return null;
            }
            for (int i = 0; i < text.length(); i++)
            {
                if (text.charAt(i) < 0x20)
                {
                    return mapper.writeValueAsString(tree);
                }
            }
            return text;
        }
        catch (final JsonProcessingException ex)
        {
            return null;
        }
    }

    static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder(4 + bytes.length * 2).append("hex:");
        for (final byte b : bytes)
        {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }
}
