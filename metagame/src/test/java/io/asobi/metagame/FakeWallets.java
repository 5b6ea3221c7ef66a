package io.asobi.metagame;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small journaled {@link Wallets} for tests while the economy domain is built elsewhere: one record per movement
 * (schema 250: signed amount, player, currency, idempotency key), balances never negative, a key applied twice
 * changes nothing. {@link #failGrantsAfter} makes a grant throw, like a crash in the middle of a payout.
 */
final class FakeWallets implements Wallets
{
    static final int SCHEMA_ID = 250;
    private static final int HEADER = 8;

    private final Map<String, Long> balances = new TreeMap<>();
    private final Set<String> keys = new HashSet<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    int movements;
    int failGrantsAfter = -1;

    public int schemaId()
    {
        return SCHEMA_ID;
    }

    public void checkFormat(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER + 8)
        {
            throw new IllegalStateException("short wallet record");
        }
    }

    public void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        int at = offset + HEADER;
        final long amount = buffer.getLong(at, ByteOrder.LITTLE_ENDIAN);
        at += 8;
        final String[] strings = new String[3];
        for (int i = 0; i < 3; i++)
        {
            final int size = buffer.getInt(at, ByteOrder.LITTLE_ENDIAN);
            at += 4;
            final byte[] bytes = new byte[size];
            buffer.getBytes(at, bytes);
            at += size;
            strings[i] = new String(bytes, StandardCharsets.UTF_8);
        }
        balances.merge(strings[0] + "/" + strings[1], amount, Long::sum);
        if (!strings[2].isEmpty())
        {
            keys.add(strings[2]);
        }
        movements++;
    }

    public long grant(final MetagameWriter writer, final String playerId, final String currency, final long amount,
        final String reason, final String idempotencyKey)
    {
        if (0 == failGrantsAfter)
        {
            throw new IllegalStateException("simulated crash in the middle of a payout");
        }
        if (failGrantsAfter > 0)
        {
            failGrantsAfter--;
        }
        return move(writer, playerId, currency, amount, idempotencyKey);
    }

    public long debit(final MetagameWriter writer, final String playerId, final String currency, final long amount,
        final String reason, final String idempotencyKey)
    {
        if (null != idempotencyKey && keys.contains(idempotencyKey))
        {
            return balance(playerId, currency);
        }
        if (balance(playerId, currency) < amount)
        {
            throw new AccountException("economy.insufficient_funds", "Insufficient funds", Map.of());
        }
        return move(writer, playerId, currency, -amount, idempotencyKey);
    }

    private long move(final MetagameWriter writer, final String playerId, final String currency, final long amount,
        final String idempotencyKey)
    {
        if (null != idempotencyKey && keys.contains(idempotencyKey))
        {
            return balance(playerId, currency);
        }
        buffer.putShort(0, (short)8, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(2, (short)1, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(4, (short)SCHEMA_ID, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(6, (short)0, ByteOrder.LITTLE_ENDIAN);
        int at = HEADER;
        buffer.putLong(at, amount, ByteOrder.LITTLE_ENDIAN);
        at += 8;
        for (final String value : new String[]{playerId, currency, null == idempotencyKey ? "" : idempotencyKey})
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            buffer.putInt(at, bytes.length, ByteOrder.LITTLE_ENDIAN);
            at += 4;
            buffer.putBytes(at, bytes);
            at += bytes.length;
        }
        writer.appendAndApply(buffer, 0, at);
        return balance(playerId, currency);
    }

    public long balance(final String playerId, final String currency)
    {
        return balances.getOrDefault(playerId + "/" + currency, 0L);
    }

    String describe()
    {
        return balances + " " + new TreeMap<>(Map.of("keys", keys.size()));
    }
}
