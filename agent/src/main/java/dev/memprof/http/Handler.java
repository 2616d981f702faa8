package dev.memprof.http;

/** Serves one route. Runs on a worker thread, never on Netty's event loop, so it may block (bounded). */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
