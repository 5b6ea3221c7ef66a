package io.asobi.terrain;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * A least-recently-used map of chunk key to {@link CompressedChunk}, bounded by the sum of the chunks'
 * {@link CompressedChunk#footprintBytes()}. Not thread safe: the {@link ChunkStore} guards it with its lock.
 * A hit allocates nothing (Agrona map, intrusive list).
 */
final class ChunkCache
{
    private static final class Node
    {
        final long key;
        final CompressedChunk chunk;
        final int bytes;
        Node newer;
        Node older;

        Node(final long key, final CompressedChunk chunk)
        {
            this.key = key;
            this.chunk = chunk;
            this.bytes = chunk.footprintBytes();
        }
    }

    private final Long2ObjectHashMap<Node> nodes = new Long2ObjectHashMap<>();
    private final long capacityBytes;
    private Node newest;
    private Node oldest;
    private long bytes;
    private long evictions;

    ChunkCache(final long capacityBytes)
    {
        this.capacityBytes = capacityBytes;
    }

    CompressedChunk get(final long key)
    {
        final Node node = nodes.get(key);
        if (null == node)
        {
            return null;
        }
        if (node != newest)
        {
            unlink(node);
            linkNewest(node);
        }
        return node.chunk;
    }

    void put(final long key, final CompressedChunk chunk)
    {
        remove(key);
        final Node node = new Node(key, chunk);
        if (node.bytes > capacityBytes)
        {
            return;
        }
        nodes.put(key, node);
        linkNewest(node);
        bytes += node.bytes;
        while (bytes > capacityBytes)
        {
            final Node victim = oldest;
            nodes.remove(victim.key);
            unlink(victim);
            bytes -= victim.bytes;
            evictions++;
        }
    }

    boolean remove(final long key)
    {
        final Node node = nodes.remove(key);
        if (null == node)
        {
            return false;
        }
        unlink(node);
        bytes -= node.bytes;
        return true;
    }

    void clear()
    {
        nodes.clear();
        newest = null;
        oldest = null;
        bytes = 0;
    }

    long bytes()
    {
        return bytes;
    }

    int size()
    {
        return nodes.size();
    }

    long evictions()
    {
        return evictions;
    }

    private void linkNewest(final Node node)
    {
        node.older = newest;
        node.newer = null;
        if (null != newest)
        {
            newest.newer = node;
        }
        newest = node;
        if (null == oldest)
        {
            oldest = node;
        }
    }

    private void unlink(final Node node)
    {
        if (null != node.newer)
        {
            node.newer.older = node.older;
        }
        else
        {
            newest = node.older;
        }
        if (null != node.older)
        {
            node.older.newer = node.newer;
        }
        else
        {
            oldest = node.newer;
        }
        node.newer = null;
        node.older = null;
    }
}
