package dev.memprof.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns each complete Netty request into a {@link Request}, checks the token, routes it, runs the handler on the
 * worker pool and writes the {@link Response}. No exception and no stack trace ever reaches the client.
 */
@ChannelHandler.Sharable
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Router router;
    private final BearerAuth auth;
    private final ExecutorService workers;

    RequestDispatcher(Router router, BearerAuth auth, ExecutorService workers) {
        this.router = router;
        this.auth = auth;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        boolean head = msg.method().name().equals("HEAD");
        if (msg.decoderResult().isFailure()) {
            write(ctx, decodeFailure(msg.decoderResult().cause()), false, false);
            return;
        }
        if (msg.protocolVersion().majorVersion() != 1) {
            write(ctx, Responses.error(400, "Bad Request: unsupported HTTP version"), false, false);
            return;
        }
        Request request;
        try {
            request = toRequest(ctx, msg);
        } catch (IllegalArgumentException e) {
            write(ctx, Responses.error(400, "Bad Request: malformed URL"), false, false);
            return;
        }
        if (!auth.allows(request.header("authorization"))) {
            write(ctx, Responses.unauthorized(), keepAlive, head);
            return;
        }
        Router.Match match = router.match(request);
        if (match.response() != null) {
            write(ctx, match.response(), keepAlive, head);
            return;
        }
        try {
            workers.execute(() -> write(ctx, run(match), keepAlive, head));
        } catch (RejectedExecutionException e) {
            write(ctx, Responses.error(429, "Too Many Requests").header("Retry-After", "1"), false, false);
        }
    }

    /** Netty could not parse the request: say which limit it broke, in one line. */
    private static Response decodeFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return Responses.error(414, "URI Too Long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Responses.error(431, "Request Header Fields Too Large");
        }
        return Responses.error(400, "Bad Request");
    }

    private static Response run(Router.Match match) {
        try {
            return match.handler().handle(match.request());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Responses.error(503, "Service Unavailable: interrupted");
        } catch (Throwable t) {
            log.debug("handler failed for {}", match.request().path(), t);
            return Responses.error(500, "Internal Server Error");
        }
    }

    private static Request toRequest(ChannelHandlerContext ctx, FullHttpRequest msg) {
        // Like Go 1.17+, a semicolon is an ordinary character in a query, not a separator.
        QueryStringDecoder uri = QueryStringDecoder.builder().semicolonIsNormalChar(true).build(msg.uri());
        Map<String, String> headers = new HashMap<>();
        msg.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
        byte[] body = ByteBufUtil.getBytes(msg.content());
        return new Request(msg.method().name(), uri.path(), uri.parameters(), Map.of(), headers, body,
                () -> !ctx.channel().isActive());
    }

    private static void write(ChannelHandlerContext ctx, Response r, boolean keepAlive, boolean head) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        r.headers().forEach((k, v) -> res.headers().set(k, v));
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        var future = ctx.writeAndFlush(res);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error", cause);
        ctx.close();
    }
}
