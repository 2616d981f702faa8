package dev.memprof.http;

/**
 * {@code /debug/pprof/symbol}. Our profiles carry their function names, so there are no program counters to look
 * up: like Go's handler we answer that symbols are available, and a POST of addresses resolves none of them.
 */
final class SymbolHandler implements Handler {

    @Override
    public Response handle(Request r) {
        return Responses.text("num_symbols: 1\n");
    }
}
