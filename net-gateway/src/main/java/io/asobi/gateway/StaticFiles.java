package io.asobi.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Static files served from a classpath prefix: {@code /} is {@code index.html}, {@code /<name>} a file directly under
 * the prefix. Names are restricted to {@code [A-Za-z0-9_-][A-Za-z0-9._-]*} without {@code ..}, directories are never
 * served, and files larger than {@value #MAX_FILE_BYTES} bytes are refused. Found files are cached (the set of files
 * under the prefix is finite).
 * <p>
 * <b>Note:</b> thread safe.
 */
final class StaticFiles
{
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    static final String INDEX = "index.html";

    private static final Logger LOG = LoggerFactory.getLogger(StaticFiles.class);
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
        Map.entry("html", "text/html; charset=utf-8"),
        Map.entry("htm", "text/html; charset=utf-8"),
        Map.entry("js", "text/javascript; charset=utf-8"),
        Map.entry("mjs", "text/javascript; charset=utf-8"),
        Map.entry("css", "text/css; charset=utf-8"),
        Map.entry("json", "application/json"),
        Map.entry("map", "application/json"),
        Map.entry("txt", "text/plain; charset=utf-8"),
        Map.entry("lua", "text/plain; charset=utf-8"),
        Map.entry("svg", "image/svg+xml"),
        Map.entry("png", "image/png"),
        Map.entry("jpg", "image/jpeg"),
        Map.entry("jpeg", "image/jpeg"),
        Map.entry("gif", "image/gif"),
        Map.entry("webp", "image/webp"),
        Map.entry("ico", "image/x-icon"),
        Map.entry("wasm", "application/wasm"),
        Map.entry("woff", "font/woff"),
        Map.entry("woff2", "font/woff2"));

    /**
     * A file ready to serve.
     *
     * @param contentType its {@code Content-Type}.
     * @param bytes       its content; do not modify.
     */
    record StaticFile(String contentType, byte[] bytes)
    {
    }

    private final ClassLoader classLoader;
    private final String root;
    private final ConcurrentHashMap<String, StaticFile> cache = new ConcurrentHashMap<>();

    StaticFiles(final ClassLoader classLoader, final String root)
    {
        this.classLoader = classLoader;
        this.root = root;
    }

    /**
     * Normalise a classpath prefix: no leading {@code /}, one trailing {@code /} (empty for the classpath root).
     *
     * @param webRoot the configured prefix.
     * @return the normalised prefix.
     */
    static String normaliseRoot(final String webRoot)
    {
        String root = webRoot.trim();
        while (root.startsWith("/"))
        {
            root = root.substring(1);
        }
        if (!root.isEmpty() && !root.endsWith("/"))
        {
            root = root + "/";
        }
        return root;
    }

    /**
     * Whether a request path names something this class could serve ({@code /} or {@code /<simple name>}).
     *
     * @param path decoded request path.
     * @return true if the shape is acceptable (the file may still not exist).
     */
    static boolean isCandidate(final String path)
    {
        return "/".equals(path) || (path.length() > 1 && isSimpleName(path.substring(1)));
    }

    static boolean isSimpleName(final String name)
    {
        return SIMPLE_NAME.matcher(name).matches() && !name.contains("..");
    }

    /**
     * Find a file.
     *
     * @param path decoded request path, {@code /} or {@code /<name>}.
     * @return the file, or null if there is none (or it is a directory, too large, or unreadable).
     */
    StaticFile find(final String path)
    {
        final String name = "/".equals(path) ? INDEX : path.substring(1);
        if (!isSimpleName(name))
        {
            return null;
        }

        final StaticFile cached = cache.get(name);
        if (null != cached)
        {
            return cached;
        }
        final StaticFile loaded = load(name);
        if (null != loaded)
        {
            cache.putIfAbsent(name, loaded);
        }
        return loaded;
    }

    private StaticFile load(final String name)
    {
        final URL url = classLoader.getResource(root + name);
        if (null == url)
        {
            return null;
        }
        try
        {
            if (!isRegularFile(url))
            {
                return null;
            }
            try (InputStream in = url.openStream())
            {
                final byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES)
                {
                    LOG.warn("static file {} is larger than {} bytes; not served", name, MAX_FILE_BYTES);
                    return null;
                }
                return new StaticFile(contentType(name), bytes);
            }
        }
        catch (final IOException | URISyntaxException | RuntimeException ex)
        {
            LOG.debug("static file {} unreadable", name, ex);
            return null;
        }
    }

    private static boolean isRegularFile(final URL url) throws IOException, URISyntaxException
    {
        if ("file".equals(url.getProtocol()))
        {
            return Files.isRegularFile(Path.of(url.toURI()));
        }
        final URLConnection connection = url.openConnection();
        if (connection instanceof final JarURLConnection jar)
        {
            jar.setUseCaches(false);
            return null != jar.getJarEntry() && !jar.getJarEntry().isDirectory();
        }
        return true;
    }

    /**
     * The content type for a file name, by extension.
     *
     * @param name file name.
     * @return the content type; {@code application/octet-stream} when unknown.
     */
    static String contentType(final String name)
    {
        final int dot = name.lastIndexOf('.');
        if (dot < 0)
        {
            return "application/octet-stream";
        }
        final String type = CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        return null == type ? "application/octet-stream" : type;
    }
}
