package dev.memprof.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

@Timeout(10)
class RouterTest {

    private final Handler index = r -> Responses.text("index");
    private final Handler named = r -> Responses.text("named " + r.pathParam("name"));
    private final Handler rest = r -> Responses.text("rest " + r.pathParam("path"));
    private final Handler post = r -> Responses.text("post");

    private final Router router = new Router()
            .get("/debug/pprof/", index)
            .get("/debug/pprof/{name}", named)
            .post("/api/v1/sessions/{id}", post)
            .delete("/api/v1/sessions/{id}", post)
            .get("/files/{path...}", rest);

    @Test
    void capturesOneSegment() throws Exception {
        assertEquals("named heap", Requests.serve(router, Requests.get("/debug/pprof/heap")).bodyText());
    }

    @Test
    void theTrailingSlashIsItsOwnRoute() throws Exception {
        assertEquals("index", Requests.serve(router, Requests.get("/debug/pprof/")).bodyText());
        Response r = Requests.serve(router, Requests.get("/debug/pprof"));
        assertEquals(404, r.status(), "no route without the slash in this table");
    }

    @Test
    void aRestPatternCapturesTheRemainingSegments() throws Exception {
        assertEquals("rest a/b/c.txt", Requests.serve(router, Requests.get("/files/a/b/c.txt")).bodyText());
    }

    @Test
    void unknownPathsGet404() throws Exception {
        for (String path : new String[]{"/", "/nope", "/debug/pprof/heap/extra", "/debug"}) {
            Response r = Requests.serve(router, Requests.get(path));
            assertEquals(404, r.status(), path);
            assertEquals("404 page not found\n", r.bodyText());
            assertEquals("1", r.headers().get("X-Go-Pprof"));
        }
    }

    @Test
    void aKnownPathWithAnotherMethodGets405WithAllow() throws Exception {
        Router.Match m = router.match(Requests.of("GET", "/api/v1/sessions/7"));
        assertNull(m.handler());
        assertEquals(405, m.response().status());
        assertEquals("POST, DELETE", m.response().headers().get("Allow"));
        Response put = Requests.serve(router, Requests.of("PUT", "/debug/pprof/heap"));
        assertEquals(405, put.status());
        assertEquals("GET", put.headers().get("Allow"));
    }

    @Test
    void headIsServedByTheGetRoute() {
        Router.Match m = router.match(Requests.of("HEAD", "/debug/pprof/goroutine"));
        assertSame(named, m.handler());
        assertEquals("goroutine", m.request().pathParam("name"));
    }

    @Test
    void theFirstMatchingRouteWins() throws Exception {
        Router r = new Router().get("/x/special", req -> Responses.text("special")).get("/x/{name}", named);
        assertEquals("special", Requests.serve(r, Requests.get("/x/special")).bodyText());
        assertEquals("named other", Requests.serve(r, Requests.get("/x/other")).bodyText());
    }

    @Test
    void aCustomNotFoundHandler() throws Exception {
        Router r = new Router().notFound(req -> Responses.jsonError(404, "no such route"));
        Response resp = Requests.serve(r, Requests.get("/anything"));
        assertEquals(404, resp.status());
        assertEquals("{\"error\":\"no such route\"}", resp.bodyText());
    }
}
