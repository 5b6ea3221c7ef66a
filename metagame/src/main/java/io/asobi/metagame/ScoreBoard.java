package io.asobi.metagame;

import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * One leaderboard's live entries as an order-statistic tree: a treap in parallel primitive arrays whose nodes carry
 * their subtree size, so that a submit, a player's rank and the entry at a rank all take O(log n), and reading
 * {@code k} consecutive entries from a rank takes O(log n + k). Nothing is sorted per read.
 * <p>
 * Order: by score (highest first when descending, lowest first otherwise), then earlier submit ({@code atMs}) first,
 * then player id ({@link String#compareTo}). The order is total because a player has at most one entry.
 * <p>
 * A submit replaces the player's entry. Tree shape depends only on the sequence of operations (node priorities come
 * from a fixed hash of a counter), so a replayed board is the same as the live one.
 * <p>
 * <b>Note:</b> not thread safe; single writer.
 */
public final class ScoreBoard
{
    /**
     * Receives entries in rank order.
     */
    @FunctionalInterface
    public interface EntryConsumer
    {
        /**
         * @param index    0-based rank of the entry.
         * @param playerId the player.
         * @param score    its score.
         * @param subScore its sub score.
         * @param atMs     when it was submitted.
         */
        void accept(int index, String playerId, long score, long subScore, long atMs);
    }

    private static final int NIL = 0;
    private static final int INITIAL_CAPACITY = 16;

    private final boolean isDescending;
    private final Object2IntHashMap<String> nodeByPlayer = new Object2IntHashMap<>(NIL);
    private String[] player;
    private long[] score;
    private long[] subScore;
    private long[] atMs;
    private int[] left;
    private int[] right;
    private int[] size;
    private int[] priority;
    private int[] freeNodes;
    private int freeCount;
    private int nextNode = 1;
    private int root = NIL;
    private long priorityCounter;
    private int splitLeft;
    private int splitRight;
    private int[] stack = new int[64];

    /**
     * @param isDescending true for highest score first.
     */
    public ScoreBoard(final boolean isDescending)
    {
        this.isDescending = isDescending;
        allocate(INITIAL_CAPACITY);
    }

    /**
     * @return true when the highest score ranks first.
     */
    public boolean isDescending()
    {
        return isDescending;
    }

    /**
     * @return number of entries.
     */
    public int size()
    {
        return size[root];
    }

    /**
     * Set a player's entry, replacing any previous one.
     *
     * @param playerId the player.
     * @param score    its score.
     * @param subScore its sub score (does not affect the order).
     * @param atMs     when it was submitted (earlier ranks first among equal scores).
     * @return the entry's 0-based rank.
     */
    public int submit(final String playerId, final long score, final long subScore, final long atMs)
    {
        int node = nodeByPlayer.getValue(playerId);
        if (NIL != node)
        {
            root = remove(root, node);
        }
        else
        {
            node = newNode();
            player[node] = playerId;
            nodeByPlayer.put(playerId, node);
        }
        this.score[node] = score;
        this.subScore[node] = subScore;
        this.atMs[node] = atMs;
        left[node] = NIL;
        right[node] = NIL;
        size[node] = 1;
        root = insert(root, node);
        return indexOfNode(node);
    }

    /**
     * Remove a player's entry.
     *
     * @param playerId the player.
     * @return true if it had one.
     */
    public boolean remove(final String playerId)
    {
        final int node = nodeByPlayer.removeKey(playerId);
        if (NIL == node)
        {
            return false;
        }
        root = remove(root, node);
        player[node] = null;
        freeNode(node);
        return true;
    }

    /**
     * Remove every entry.
     */
    public void clear()
    {
        nodeByPlayer.clear();
        Arrays.fill(player, null);
        root = NIL;
        nextNode = 1;
        freeCount = 0;
    }

    /**
     * A player's 0-based rank.
     *
     * @param playerId the player.
     * @return its index in rank order, or -1 if it has no entry.
     */
    public int indexOf(final String playerId)
    {
        final int node = nodeByPlayer.getValue(playerId);
        return NIL == node ? -1 : indexOfNode(node);
    }

    /**
     * @param playerId the player.
     * @return its score; meaningful only if {@link #indexOf} is not -1.
     */
    public long scoreOf(final String playerId)
    {
        return score[nodeByPlayer.getValue(playerId)];
    }

    /**
     * Visit up to {@code count} entries in rank order from the 0-based rank {@code fromIndex}.
     *
     * @param fromIndex first rank visited (0-based); nothing is visited if it is not below {@link #size()}.
     * @param count     most entries visited.
     * @param consumer  receives them.
     * @return entries visited.
     */
    public int forEach(final int fromIndex, final int count, final EntryConsumer consumer)
    {
        if (fromIndex < 0 || fromIndex >= size() || count <= 0)
        {
            return 0;
        }
        int top = 0;
        int node = root;
        int k = fromIndex;
        while (NIL != node)
        {
            final int leftSize = size[left[node]];
            if (k < leftSize)
            {
                top = push(top, node);
                node = left[node];
            }
            else if (k == leftSize)
            {
                top = push(top, node);
                break;
            }
            else
            {
                k -= leftSize + 1;
                node = right[node];
            }
        }

        int visited = 0;
        while (visited < count && top > 0)
        {
            final int current = stack[--top];
            consumer.accept(fromIndex + visited, player[current], score[current], subScore[current], atMs[current]);
            visited++;
            node = right[current];
            while (NIL != node)
            {
                top = push(top, node);
                node = left[node];
            }
        }
        return visited;
    }

    private int push(final int top, final int node)
    {
        if (top == stack.length)
        {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top] = node;
        return top + 1;
    }

    private int indexOfNode(final int node)
    {
        int index = 0;
        int current = root;
        while (current != node)
        {
            if (before(node, current))
            {
                current = left[current];
            }
            else
            {
                index += size[left[current]] + 1;
                current = right[current];
            }
        }
        return index + size[left[node]];
    }

    /** Whether node a ranks before node b (a != b). */
    private boolean before(final int a, final int b)
    {
        final long scoreA = score[a];
        final long scoreB = score[b];
        if (scoreA != scoreB)
        {
            return isDescending ? scoreA > scoreB : scoreA < scoreB;
        }
        final long atA = atMs[a];
        final long atB = atMs[b];
        if (atA != atB)
        {
            return atA < atB;
        }
        return player[a].compareTo(player[b]) < 0;
    }

    private int insert(final int tree, final int node)
    {
        if (NIL == tree)
        {
            return node;
        }
        if (priority[node] > priority[tree])
        {
            split(tree, node);
            left[node] = splitLeft;
            right[node] = splitRight;
            update(node);
            return node;
        }
        if (before(node, tree))
        {
            left[tree] = insert(left[tree], node);
        }
        else
        {
            right[tree] = insert(right[tree], node);
        }
        update(tree);
        return tree;
    }

    /** Split {@code tree} into the nodes before {@code key} (splitLeft) and the others (splitRight). */
    private void split(final int tree, final int key)
    {
        if (NIL == tree)
        {
            splitLeft = NIL;
            splitRight = NIL;
            return;
        }
        if (before(tree, key))
        {
            split(right[tree], key);
            right[tree] = splitLeft;
            update(tree);
            splitLeft = tree;
        }
        else
        {
            split(left[tree], key);
            left[tree] = splitRight;
            update(tree);
            splitRight = tree;
        }
    }

    private int remove(final int tree, final int node)
    {
        if (tree == node)
        {
            return merge(left[tree], right[tree]);
        }
        if (before(node, tree))
        {
            left[tree] = remove(left[tree], node);
        }
        else
        {
            right[tree] = remove(right[tree], node);
        }
        update(tree);
        return tree;
    }

    /** Merge two trees where every node of {@code a} ranks before every node of {@code b}. */
    private int merge(final int a, final int b)
    {
        if (NIL == a)
        {
            return b;
        }
        if (NIL == b)
        {
            return a;
        }
        if (priority[a] > priority[b])
        {
            right[a] = merge(right[a], b);
            update(a);
            return a;
        }
        left[b] = merge(a, left[b]);
        update(b);
        return b;
    }

    private void update(final int node)
    {
        size[node] = size[left[node]] + size[right[node]] + 1;
    }

    private int newNode()
    {
        final int node;
        if (freeCount > 0)
        {
            node = freeNodes[--freeCount];
        }
        else
        {
            if (nextNode == player.length)
            {
                allocate(player.length * 2);
            }
            node = nextNode++;
        }
        priority[node] = nextPriority();
        return node;
    }

    private void freeNode(final int node)
    {
        if (freeCount == freeNodes.length)
        {
            freeNodes = Arrays.copyOf(freeNodes, Math.max(INITIAL_CAPACITY, freeCount * 2));
        }
        freeNodes[freeCount++] = node;
    }

    /** SplitMix64 of a counter: pseudo random, but the same for the same sequence of operations. */
    private int nextPriority()
    {
        long z = (priorityCounter += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int)(z ^ (z >>> 31));
    }

    private void allocate(final int capacity)
    {
        if (null == player)
        {
            player = new String[capacity];
            score = new long[capacity];
            subScore = new long[capacity];
            atMs = new long[capacity];
            left = new int[capacity];
            right = new int[capacity];
            size = new int[capacity];
            priority = new int[capacity];
            freeNodes = new int[INITIAL_CAPACITY];
            return;
        }
        player = Arrays.copyOf(player, capacity);
        score = Arrays.copyOf(score, capacity);
        subScore = Arrays.copyOf(subScore, capacity);
        atMs = Arrays.copyOf(atMs, capacity);
        left = Arrays.copyOf(left, capacity);
        right = Arrays.copyOf(right, capacity);
        size = Arrays.copyOf(size, capacity);
        priority = Arrays.copyOf(priority, capacity);
    }
}
