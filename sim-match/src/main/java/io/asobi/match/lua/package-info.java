/**
 * Lua game modes on LuaJ 3.0.1 (asobi-spec §5.3, §5.4): the game directory's modes, one sandboxed VM per match, an
 * instruction budget on every callback, hot reload, and the {@code game.*} API.
 * <pre>
 *  LuaGameModes.load(ctx)                      per match (tick thread)
 *  ──────────────────────                      ───────────────────────────────────────────────────────────────
 *  config.lua / match.lua                      LuaMatchLogic ── LuaVm: Globals (LuaSandbox) + InstructionBudget
 *    → LuaGameMode (probe VM → ModeConfig)                          + require (LuaRequire) + game (GameApi)
 *    → JavaGameMode ("java:Class")                           ── state table, deep-copied before each change
 *  pollModes(): re-read shapes, config.lua     tick(): every reloadPollIntervalMs, re-run changed scripts
 *  ScriptCompiler: one compilation per file version, shared by all VMs (thread safe)
 * </pre>
 * <b>Entry point:</b> {@link io.asobi.match.lua.LuaGameModes#load}; everything else is package-private.
 * <p>
 * <b>Sandbox</b> ({@code LuaSandbox}): base library without {@code load}, {@code loadstring}, {@code dofile},
 * {@code loadfile}, {@code print}, {@code collectgarbage}; {@code table}; {@code string} (no {@code dump},
 * {@code rep} capped at 4 MiB, the string metatable read-only and shared); {@code math} with a per-match
 * deterministic {@code random} (SplitMix64 seeded from {@code MatchContext.seed()}), {@code randomseed} a no-op
 * (as in Asobi) and {@code sqrt} of a negative number 0.0; {@code os.clock/date/difftime/time}; our own
 * {@code require}; {@code game}. No {@code io}, {@code package}, {@code coroutine}, {@code debug}, {@code luajava}.
 * <p>
 * <b>Instruction budget</b> ({@code InstructionBudget}): a LuaJ debug hook installed from Java counts VM
 * instructions; default 5,000,000 per callback (and per run of a script body). Measured on the development machine:
 * a bare {@code while true do end} runs about 150 M instructions/s, loops over tables 60 to 85 M/s, so the default
 * cuts a runaway callback off after about 35 to 90 ms. The cut-off is an {@code Error} raised at every further
 * instruction, so {@code pcall}/{@code xpcall} cannot swallow it; being a count, it is deterministic (a replay cuts
 * off at the same instruction). Lua call depth is bounded at 200 ({@code "stack overflow"}, catchable). Unlike
 * Asobi, {@code handle_input} runs under the budget too.
 * <p>
 * <b>Undo of a failed callback:</b> the state is deep-copied ({@code StateCopier}) before {@code join},
 * {@code leave}, {@code handle_input} and {@code tick}; on failure the copy becomes the state. Measured with
 * {@code StateCopyCost} (test sources; a warmed loop on a shared 2-core machine, so ±30 %): a demo-sized state (8
 * players, 11 tables, ~30 entries) about 5 µs per copy; 16 players × 8 fields plus 50 entities × 5 fields (69
 * tables, ~450 entries) about 25 to 40 µs; 100 players × 10 fields plus 1000 entities × 6 (1103 tables, ~7,200
 * entries) about 0.5 ms. LuaJ allocates an entry object per hash slot, so the cost is 40 to 120 ns per entry and
 * it is paid by every input: a match with a large state and many inputs per tick should turn
 * {@code rollbackOnFailure} off (failed callbacks then keep their partial changes). Globals changed by a failed
 * callback are not undone.
 * <p>
 * <b>Determinism:</b> {@code math.random}, table iteration over string and number keys, JSON encoding and budget
 * cut-offs are reproducible for the same seed and inputs. Not reproducible: {@code os.time/clock/date},
 * {@code game.id()} (UUIDv7 from the wall clock), and the order of tables keyed by tables, functions or booleans
 * (identity hashes).
 * <p>
 * <b>Differences from Asobi's Luerl runtime:</b> LuaJ is Lua 5.2: no {@code //}, no bitwise operators, no
 * {@code utf8} library, and integers are 32-bit (larger whole numbers are doubles, exact to 2^53). Memory is not
 * capped (Asobi caps each eval's heap): the budget bounds instructions, not what {@code string.gsub} or
 * {@code table.concat} allocate. Only {@code game.id/log/broadcast/send/match.set_joinable} exist (no bots, economy,
 * leaderboards, storage, chat, notify, spatial); vote and phase callbacks are not called. A failed {@code get_state}
 * throws from {@code writeState} (the runtime drops that frame) rather than sending a stale state.
 */
package io.asobi.match.lua;
