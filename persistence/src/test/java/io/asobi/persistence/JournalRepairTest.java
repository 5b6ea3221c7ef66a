package io.asobi.persistence;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JournalRepair} over a raw {@link Journal} whose good documents start with {@code 'G'}: a bad tail is dropped
 * keeping the good prefix and its indices, corruption in the middle is refused, an interrupted repair is finished.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalRepairTest
{
    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    private static final long START_MS = 1_767_225_600_000L;

    /** Good documents start with 'G'; a document starting with 'X' makes the validator throw. */
    private static final JournalRepair.DocumentValidator FIRST_BYTE = (index, buffer, offset, length) ->
    {
        final byte first = buffer.getByte(offset);
        if ('X' == first)
        {
            throw new IllegalArgumentException("exploding document");
        }
        return 'G' == first ? null : "starts with " + (char)first;
    };

    @TempDir
    Path root;

    private Path dir()
    {
        return root.resolve("journals").resolve("accounts");
    }

    private Path quarantine()
    {
        return root.resolve("quarantine");
    }

    private long append(final Path dir, final long nowMs, final String document)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).epochClock(() -> nowMs)))
        {
            final byte[] bytes = document.getBytes();
            return journal.append(new UnsafeBuffer(bytes), 0, bytes.length);
        }
    }

    private long append(final long nowMs, final String document)
    {
        return append(dir(), nowMs, document);
    }

    private static List<String> documents(final Path dir)
    {
        final List<String> documents = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            journal.replay((index, buffer, offset, length) ->
                documents.add(index + ":" + buffer.getStringWithoutLengthAscii(offset, length)));
        }
        return documents;
    }

    /** Two good documents on day one, one on day two: their {@code index:text}. */
    private List<String> writeGood()
    {
        append(START_MS, "G1");
        append(START_MS, "G2");
        append(START_MS + DAY_MS, "G3");
        return documents(dir());
    }

    private List<String> siblings() throws IOException
    {
        try (Stream<Path> siblings = Files.list(dir().getParent()))
        {
            return siblings.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldLeaveAWholeJournalAlone()
    {
        final List<String> good = writeGood();
        final JournalRepair.RepairResult result = JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE);
        assertThat(result).isEqualTo(new JournalRepair.RepairResult(
            dir(), 3, 0, Long.parseLong(good.getLast().split(":")[0]), -1, null, null));
        assertThat(documents(dir())).isEqualTo(good);
        assertThat(quarantine()).doesNotExist();
    }

    @Test
    void shouldDropABadTailKeepingTheGoodDocumentsAndTheirIndices() throws IOException
    {
        final List<String> good = writeGood();
        final long firstBad = append(START_MS + DAY_MS, "B1");
        append(START_MS + 2 * DAY_MS, "X2");
        append(START_MS + 2 * DAY_MS, "B3");

        final JournalRepair.RepairResult result =
            JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE, () -> 1234);

        final Path quarantined = quarantine().resolve("accounts-corrupt-1234");
        assertThat(result).isEqualTo(new JournalRepair.RepairResult(
            dir(), 3, 3, Long.parseLong(good.getLast().split(":")[0]), firstBad, "starts with B", quarantined));
        assertThat(documents(dir())).isEqualTo(good);
        assertThat(documents(quarantined)).hasSize(6).startsWith(good.toArray(String[]::new));
        assertThat(siblings()).containsExactly("accounts");

        // A writer goes on after the kept documents; the journal is whole.
        final long next = append(START_MS + 2 * DAY_MS, "G4");
        assertThat(next).isGreaterThan(result.lastGoodIndex());
        assertThat(documents(dir())).hasSize(4).endsWith(next + ":G4");
        assertThat(JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE).truncatedDocuments()).isZero();
    }

    @Test
    void shouldTakeAThrowingValidatorsExceptionAsTheReason()
    {
        writeGood();
        final long bad = append(START_MS + DAY_MS, "X1");
        final JournalRepair.RepairResult result =
            JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE, () -> 1234);
        assertThat(result.firstBadIndex()).isEqualTo(bad);
        assertThat(result.reason()).isEqualTo("java.lang.IllegalArgumentException: exploding document");
    }

    @Test
    void shouldRefuseCorruptionInTheMiddleAndChangeNothing()
    {
        final List<String> good = writeGood();
        final long bad = append(START_MS + DAY_MS, "B1");
        final long whole = append(START_MS + DAY_MS, "G5");
        append(START_MS + DAY_MS, "B2");
        final List<String> before = documents(dir());

        assertThatThrownBy(() -> JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE))
            .isInstanceOfSatisfying(JournalCorruptException.class, ex -> assertThat(ex.index()).isEqualTo(bad))
            .hasMessageContaining("corrupt journal document at index " + bad)
            .hasMessageContaining("a good document follows at index " + whole)
            .hasMessageContaining("first problem: starts with B");
        assertThat(documents(dir())).isEqualTo(before).hasSize(good.size() + 3);
        assertThat(quarantine()).doesNotExist();
    }

    @Test
    void shouldCheckDocumentsAfterTheFirstBadOneOnTheirOwn()
    {
        // validate() wants increasing numbers; validateAlone() only the form "G<digit>".
        final JournalRepair.DocumentValidator sequenced = new JournalRepair.DocumentValidator()
        {
            private int last;
            private Journal started;

            public void onStart(final Journal journal)
            {
                started = journal;
            }

            public String validate(final long index, final DirectBuffer buffer, final int offset, final int length)
            {
                assertThat(started).isNotNull();
                final String problem = validateAlone(index, buffer, offset, length);
                if (null != problem)
                {
                    return problem;
                }
                final int number = buffer.getByte(offset + 1) - '0';
                if (number != last + 1)
                {
                    return "expected " + (last + 1) + ", found " + number;
                }
                last = number;
                return null;
            }

            public String validateAlone(final long index, final DirectBuffer buffer, final int offset, final int length)
            {
                return 2 == length && 'G' == buffer.getByte(offset) ? null : "malformed";
            }
        };
        writeGood();
        final long bad = append(START_MS + DAY_MS, "B");
        append(START_MS + DAY_MS, "G9"); // out of sequence but well formed: a whole document after the bad one

        assertThatThrownBy(() -> JournalRepair.repairTail(dir(), quarantine(), sequenced))
            .isInstanceOfSatisfying(JournalCorruptException.class, ex -> assertThat(ex.index()).isEqualTo(bad));
    }

    @Test
    void shouldKeepAnEmptyJournalWhenEveryDocumentIsBad()
    {
        final long first = append(START_MS, "B1");
        append(START_MS + DAY_MS, "B2");

        final JournalRepair.RepairResult result =
            JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE, () -> 77);

        assertThat(result).isEqualTo(new JournalRepair.RepairResult(
            dir(), 0, 2, -1, first, "starts with B", quarantine().resolve("accounts-corrupt-77")));
        assertThat(documents(dir())).isEmpty();
        final long next = append(START_MS + DAY_MS, "G1");
        assertThat(documents(dir())).containsExactly(next + ":G1");
    }

    @Test
    void shouldNotOverwriteAnEarlierQuarantinedJournal()
    {
        writeGood();
        append(START_MS + DAY_MS, "B1");
        assertThat(JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE, () -> 5).quarantinedTo())
            .isEqualTo(quarantine().resolve("accounts-corrupt-5"));
        append(START_MS + DAY_MS, "B2");
        assertThat(JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE, () -> 5).quarantinedTo())
            .isEqualTo(quarantine().resolve("accounts-corrupt-5-1"));
        assertThat(documents(quarantine().resolve("accounts-corrupt-5"))).hasSize(4);
        assertThat(documents(quarantine().resolve("accounts-corrupt-5-1"))).hasSize(4);
        assertThat(documents(dir())).hasSize(3);
    }

    @Test
    void shouldRefuseAMissingDirectory()
    {
        assertThatThrownBy(() -> JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDiscardTheIncompleteCopyOfAnInterruptedRepair() throws IOException
    {
        final List<String> good = writeGood();
        append(dir().resolveSibling("accounts.repair-5"), START_MS, "G1");

        assertThat(JournalRepair.completeInterruptedRepair(dir(), quarantine())).isTrue();

        assertThat(siblings()).containsExactly("accounts");
        assertThat(documents(dir())).isEqualTo(good);
        assertThat(JournalRepair.completeInterruptedRepair(dir(), quarantine())).isFalse();
    }

    @Test
    void shouldPutTheCompleteCopyOfAnInterruptedRepairInPlace() throws IOException
    {
        final List<String> good = writeGood();
        append(START_MS + DAY_MS, "B1");
        final Path copy = dir().resolveSibling("accounts.repaired-5");
        append(copy, START_MS, "G1");
        append(copy, START_MS, "G2");
        append(copy, START_MS + DAY_MS, "G3");

        // Crashed after the copy was complete, before the old directory was moved away.
        assertThat(JournalRepair.completeInterruptedRepair(dir(), quarantine())).isTrue();

        assertThat(siblings()).containsExactly("accounts");
        assertThat(documents(dir())).isEqualTo(good);
        assertThat(documents(quarantine().resolve("accounts-corrupt-5-rest"))).hasSize(4);
    }

    @Test
    void shouldRefuseACompleteCopyThatIsNotAPrefixOfTheDirectory() throws IOException
    {
        // The directory was written afresh after the interrupted repair: the copy must not replace it.
        writeGood();
        append(dir().resolveSibling("accounts.repaired-5"), START_MS, "G9");
        final List<String> before = documents(dir());

        assertThatThrownBy(() -> JournalRepair.completeInterruptedRepair(dir(), quarantine()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("is not a prefix of");
        assertThat(siblings()).containsExactly("accounts", "accounts.repaired-5");
        assertThat(documents(dir())).isEqualTo(before);
        assertThat(quarantine()).doesNotExist();
    }

    @Test
    void shouldFinishAnInterruptedRepairWhoseOldDirectoryIsGone() throws IOException
    {
        final Path copy = dir().resolveSibling("accounts.repaired-5");
        final long kept = append(copy, START_MS, "G1");

        final JournalRepair.RepairResult result = JournalRepair.repairTail(dir(), quarantine(), FIRST_BYTE);

        assertThat(result.documents()).isEqualTo(1);
        assertThat(result.lastGoodIndex()).isEqualTo(kept);
        assertThat(siblings()).containsExactly("accounts");
        assertThat(quarantine()).doesNotExist();
    }

    @Test
    void shouldRefuseToGuessBetweenSeveralCompleteCopies() throws IOException
    {
        writeGood();
        append(dir().resolveSibling("accounts.repaired-5"), START_MS, "G1");
        append(dir().resolveSibling("accounts.repaired-6"), START_MS, "G1");

        assertThatThrownBy(() -> JournalRepair.completeInterruptedRepair(dir(), quarantine()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("several repaired copies");
        assertThat(siblings()).containsExactly("accounts", "accounts.repaired-5", "accounts.repaired-6");
    }
}
