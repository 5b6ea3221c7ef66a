package io.asobi.match.lua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.MatchContext;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.io.IOException;

/**
 * {@code game.economy}, {@code game.leaderboard} and {@code game.storage} (asobi-spec §5.3) on top of
 * {@link MatchContext#metagame}: arguments are checked here, the call goes to the metagame, and the answer comes
 * back in the wrapped convention ({@code {ok = value}} or {@code {error = "code"}}); {@code leaderboard.submit}
 * answers a plain boolean. Amounts and scores are truncated to integers.
 * <p>
 * Functions: {@code economy.grant/debit(player_id, currency, amount[, reason])}, {@code economy.balance(player_id)},
 * {@code economy.purchase(player_id, listing_id)}, {@code leaderboard.submit(board, player_id, score)},
 * {@code leaderboard.top(board, n)}, {@code leaderboard.rank(board, player_id)},
 * {@code leaderboard.around(board, player_id, n)}, {@code storage.get(collection, key)},
 * {@code storage.set(collection, key, value)}, {@code storage.player_get(player_id, collection, key)},
 * {@code storage.player_set(player_id, collection, key, value)}.
 * <p>
 * <b>Note:</b> single-threaded, like its VM.
 */
final class MetagameApi
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetagameApi()
    {
    }

    /**
     * Add the three tables to a {@code game} table.
     *
     * @param game  the {@code game} table.
     * @param match the match, or null while a mode is loaded (every call then answers an error).
     */
    static void install(final LuaTable game, final MatchContext match)
    {
        final LuaTable economy = new LuaTable();
        economy.rawset("grant", new Call(match, "economy.grant", "player_id:s", "currency:s", "amount:i", "reason:s?"));
        economy.rawset("debit", new Call(match, "economy.debit", "player_id:s", "currency:s", "amount:i", "reason:s?"));
        economy.rawset("balance", new Call(match, "economy.balance", "player_id:s"));
        economy.rawset("purchase", new Call(match, "economy.purchase", "player_id:s", "listing_id:s"));
        game.rawset("economy", economy);

        final LuaTable leaderboard = new LuaTable();
        leaderboard.rawset("submit", new Call(match, "leaderboard.submit", "board:s", "player_id:s", "score:i")
            .plainBoolean());
        leaderboard.rawset("top", new Call(match, "leaderboard.top", "board:s", "n:i"));
        leaderboard.rawset("rank", new Call(match, "leaderboard.rank", "board:s", "player_id:s"));
        leaderboard.rawset("around", new Call(match, "leaderboard.around", "board:s", "player_id:s", "n:i"));
        game.rawset("leaderboard", leaderboard);

        final LuaTable storage = new LuaTable();
        storage.rawset("get", new Call(match, "storage.get", "collection:s", "key:s"));
        storage.rawset("set", new Call(match, "storage.set", "collection:s", "key:s", "value:v"));
        storage.rawset("player_get", new Call(match, "storage.player_get", "player_id:s", "collection:s", "key:s"));
        storage.rawset("player_set",
            new Call(match, "storage.player_set", "player_id:s", "collection:s", "key:s", "value:v"));
        game.rawset("storage", storage);
    }

    /** One function: named parameters with a kind (s string, i integer, v any JSON value; ? optional). */
    private static final class Call extends VarArgFunction
    {
        private final MatchContext match;
        private final String method;
        private final String[] names;
        private final char[] kinds;
        private final boolean[] optional;
        private boolean isPlainBoolean;

        Call(final MatchContext match, final String method, final String... params)
        {
            this.match = match;
            this.method = method;
            names = new String[params.length];
            kinds = new char[params.length];
            optional = new boolean[params.length];
            for (int i = 0; i < params.length; i++)
            {
                final String[] parts = params[i].split(":");
                names[i] = parts[0];
                kinds[i] = parts[1].charAt(0);
                optional[i] = parts[1].endsWith("?");
            }
        }

        Call plainBoolean()
        {
            isPlainBoolean = true;
            return this;
        }

        public Varargs invoke(final Varargs args)
        {
            final String name = "game." + method;
            final ObjectNode json = NODES.objectNode();
            for (int i = 0; i < names.length; i++)
            {
                final LuaValue value = args.arg(i + 1);
                if (value.isnil())
                {
                    if (optional[i])
                    {
                        continue;
                    }
                    return failure(name + ": " + names[i] + " is required");
                }
                switch (kinds[i])
                {
                    case 's' ->
                    {
                        if (!value.isstring() || value.isnumber())
                        {
                            return failure(name + ": " + names[i] + " must be a string");
                        }
                        json.put(names[i], LuaJson.javaString(value.checkstring()));
                    }
                    case 'i' ->
                    {
                        if (!value.isnumber())
                        {
                            return failure(name + ": " + names[i] + " must be a number");
                        }
                        json.put(names[i], (long)value.todouble());
                    }
                    default ->
                    {
                        final JsonNode node = toJson(value);
                        if (null == node)
                        {
                            return failure(name + ": " + names[i] + " cannot be stored as JSON");
                        }
                        json.set(names[i], node);
                    }
                }
            }
            if (null == match)
            {
                return failure(name + ": not available outside a match");
            }
            final JsonNode answer = match.metagame(method, json);
            if (isPlainBoolean)
            {
                return LuaValue.valueOf(answer.has("ok"));
            }
            try
            {
                final LuaValue converted = LuaJson.fromTree(answer);
                return converted.istable() ? converted : failure(name + ": malformed answer");
            }
            catch (final LuaJson.LuaJsonException ex)
            {
                return failure(name + ": " + ex.getMessage());
            }
        }

        private static JsonNode toJson(final LuaValue value)
        {
            try
            {
                return LuaJson.MAPPER.readTree(LuaJson.encode(value));
            }
            catch (final IOException | LuaJson.LuaJsonException ex)
            {
                return null;
            }
        }

        private static LuaTable failure(final String message)
        {
            return GameApi.errorTable(message);
        }
    }
}
