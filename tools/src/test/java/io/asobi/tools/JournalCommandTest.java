package io.asobi.tools;

import io.asobi.persistence.Journal;
import io.asobi.persistence.SimulationJournal;
import io.asobi.sbe.journal.SimulationKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code asobi journal ls|cat} run in-process on journals written in a temp dir.
 */
class JournalCommandTest
{
    private static final long NOW_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @TempDir
    Path dataDir;

    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[256]);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void input(final SimulationJournal journal, final long sourceId, final int type, final byte[] bytes)
    {
        payload.putBytes(0, bytes);
        journal.input(sourceId, type, payload, 0, bytes.length);
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void writeJournals()
    {
        try (SimulationJournal journal = SimulationJournal.open(
            new SimulationJournal.Context().dir(dataDir.resolve("simulations/tick-0")).epochClock(() -> NOW_MS)))
        {
            journal.started(1, SimulationKind.MATCH, "m-1", "arena", 42, 30, 0xC0DEL, 0);
            journal.started(2, SimulationKind.MATCH, "m-2", "arena", 43, 30, 0xC0DEL, 0);
            journal.beginTick(1, 41);
            input(journal, 3, 2, utf8("{\"move_x\":1}"));
            journal.endTick(0xABCL);
            journal.beginTick(2, 0);
            journal.endTick(1);
            journal.beginTick(1, 42);
            input(journal, 3, 2, utf8("{\n \"move_x\": -1\n}"));
            input(journal, 4, 5, new byte[]{ (byte)0xFF, 0x00, 0x10 });
            input(journal, 4, 5, utf8("not json"));
            input(journal, 4, 6, new byte[0]);
            journal.endTick(-1L);
            final UnsafeBuffer state = new UnsafeBuffer(new byte[70_000]);
            journal.snapshot(1, 42, 0xC0DEL, 3, "1.2.3", state, 0, 70_000);
            journal.snapshot(2, 0, 0xC0DEL, 1, "", state, 0, 10);
            journal.beginTick(2, 1);
            journal.endTick(2);
            journal.ended(2, "abandoned");
        }
        try (SimulationJournal journal = SimulationJournal.open(
            new SimulationJournal.Context().dir(dataDir.resolve("simulations/tick-1"))))
        {
            journal.started(3, SimulationKind.ZONE, "forest", "world", 7, 10, 5, 0);
        }
        // What a start-up repair leaves behind is not listed.
        try (SimulationJournal journal = SimulationJournal.open(
            new SimulationJournal.Context().dir(dataDir.resolve("simulations/tick-1-corrupt-1234"))))
        {
            journal.started(4, SimulationKind.ZONE, "old", "world", 7, 10, 5, 0);
        }
    }

    private int run(final String... args)
    {
        return new CommandLine(new Asobi()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void lsPrintsOneLinePerSimulation()
    {
        assertThat(run("journal", "ls", "--data-dir", dataDir.toString())).isZero();
        assertThat(out.toString().lines()).containsExactly(
            "m-1 mode=arena kind=match id=1 ticks 41..42 (2) inputs=5 complete snapshots=1 (last tick 42) running" +
                " dir=tick-0",
            "m-2 mode=arena kind=match id=2 ticks 0..1 (2) inputs=0 complete snapshots=1 (last tick 0)" +
                " ended=abandoned dir=tick-0",
            "forest mode=world kind=zone id=3 ticks none inputs=0 incomplete snapshots=0 running dir=tick-1");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void catPrintsTheRecordsOfOneSimulationReadably()
    {
        assertThat(run("journal", "cat", "--data-dir", dataDir.toString(), "--name", "m-1", "--from-tick", "42"))
            .isZero();
        assertThat(out.toString().lines()).containsExactly(
            "started simulation 1 name m-1 mode arena kind match seed 42 rate 30Hz code 0x000000000000c0de" +
                " at 1970-01-01T00:00:00Z",
            "tick 42 input #1 source 3 type 2 {\"move_x\":-1}",
            "tick 42 input #2 source 4 type 5 hex:ff0010",
            "tick 42 input #3 source 4 type 5 hex:6e6f74206a736f6e",
            "tick 42 input #4 source 4 type 6 (empty)",
            "tick 42 end inputs=4 hash=0xffffffffffffffff",
            "snapshot tick 42 next input #5 bytes 70000 in 2 chunks checksum ok payload v3 code 0x000000000000c0de" +
                " app 1.2.3 at 2026-01-01T00:00:00Z");
    }

    @Test
    void catPrintsSnapshotsAndEnds()
    {
        assertThat(run("journal", "cat", "--data-dir", dataDir.toString(), "--simulation", "2")).isZero();
        assertThat(out.toString().lines()).containsExactly(
            "started simulation 2 name m-2 mode arena kind match seed 43 rate 30Hz code 0x000000000000c0de" +
                " at 1970-01-01T00:00:00Z",
            "tick 0 end inputs=0 hash=0x0000000000000001",
            "snapshot tick 0 next input #0 bytes 10 in 1 chunk checksum ok payload v1 code 0x000000000000c0de" +
                " app - at 2026-01-01T00:00:00Z",
            "tick 1 end inputs=0 hash=0x0000000000000002",
            "ended tick 1 reason abandoned at 2026-01-01T00:00:00Z");
    }

    @Test
    void catWithoutAFilterPrefixesTheSimulation()
    {
        assertThat(run("journal", "cat", "--data-dir", dataDir.toString(), "--to-tick", "41")).isZero();
        assertThat(out.toString().lines()).containsExactly(
            "sim 1 started simulation 1 name m-1 mode arena kind match seed 42 rate 30Hz code 0x000000000000c0de" +
                " at 1970-01-01T00:00:00Z",
            "sim 2 started simulation 2 name m-2 mode arena kind match seed 43 rate 30Hz code 0x000000000000c0de" +
                " at 1970-01-01T00:00:00Z",
            "sim 1 tick 41 input #0 source 3 type 2 {\"move_x\":1}",
            "sim 1 tick 41 end inputs=1 hash=0x0000000000000abc",
            "sim 2 tick 0 end inputs=0 hash=0x0000000000000001",
            "sim 2 snapshot tick 0 next input #0 bytes 10 in 1 chunk checksum ok payload v1 code 0x000000000000c0de" +
                " app - at 2026-01-01T00:00:00Z",
            "sim 2 tick 1 end inputs=0 hash=0x0000000000000002",
            "sim 2 ended tick 1 reason abandoned at 2026-01-01T00:00:00Z",
            "sim 3 started simulation 3 name forest mode world kind zone seed 7 rate 10Hz code 0x0000000000000005" +
                " at 1970-01-01T00:00:00Z");

        out.getBuffer().setLength(0);
        assertThat(run("journal", "cat", "--data-dir", dataDir.toString(), "--simulation", "2", "--to-tick", "0"))
            .isZero();
        assertThat(out.toString().lines()).hasSize(3).allMatch(l -> l.contains("simulation 2") || l.contains("tick 0"));
    }

    @Test
    void corruptOrMissingJournalsFailWithTheDirectoryAndIndex()
    {
        final long badIndex;
        try (Journal raw = Journal.open(new Journal.Context().dir(dataDir.resolve("simulations/tick-1"))))
        {
            final UnsafeBuffer junk = new UnsafeBuffer(new byte[]{ 100, 0, 0, 0, 1, 2 });
            badIndex = raw.append(junk, 0, 6);
        }

        assertThat(run("journal", "ls", "--data-dir", dataDir.toString())).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(2);
        assertThat(err.toString()).contains("tick-1: corrupt simulation journal document at index " + badIndex);

        err.getBuffer().setLength(0);
        assertThat(run("journal", "cat", "--data-dir", dataDir.resolve("nothing").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a directory");

        err.getBuffer().setLength(0);
        assertThat(run("journal", "cat", "--data-dir", dataDir.toString(), "--from-tick", "5", "--to-tick", "4"))
            .isEqualTo(2);
        assertThat(err.toString()).contains("is after --to-tick");
    }
}
