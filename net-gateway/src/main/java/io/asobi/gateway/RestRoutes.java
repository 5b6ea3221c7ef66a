package io.asobi.gateway;

/**
 * A group of REST routes under {@code /api/v1} (one domain: economy, leaderboards, storage, the operator API),
 * tried in order after the core routes of {@link RestApi}.
 * <p>
 * <b>Note:</b> runs on I/O threads; must not block (answer later from a future's callback).
 */
interface RestRoutes
{
    /**
     * Answer the request if it is one of this group's routes.
     *
     * @param ex  the exchange.
     * @param seg the decoded path segments ({@code seg[0]="api"}, {@code seg[1]="v1"}, ...).
     * @return true if the route was this group's (answered now or later), false to let others try.
     * @throws HttpRequestException for a request refused before any asynchronous step.
     */
    boolean handle(HttpExchange ex, String[] seg);
}
