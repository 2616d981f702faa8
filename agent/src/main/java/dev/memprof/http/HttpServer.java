package dev.memprof.http;

import dev.memprof.threads.AgentThreads;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The embedded HTTP server: Netty's NIO transport (no native code), one small event loop, and a bounded pool of
 * daemon worker threads that run the handlers.
 */
public final class HttpServer {

    /**
     * Limits that protect the host; see docs/security-and-limits.md, "Limits".
     *
     * @param maxConnections open connections at once; more are closed on accept
     * @param heavyRequests  profile-building requests served at once; more wait up to a second, then get 429
     */
    public record Limits(int maxInitialLine, int maxHeaderBytes, int maxBodyBytes, int idleSeconds, int workers,
                         int queue, int maxConnections, int heavyRequests) {
        public static final Limits DEFAULT = new Limits(4096, 8192, 64 * 1024, 60, 8, 64, 128, 4);
    }

    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final Channel channel;

    private HttpServer(EventLoopGroup group, ExecutorService workers, Channel channel) {
        this.group = group;
        this.workers = workers;
        this.channel = channel;
    }

    /** Binds and starts serving; throws when the port cannot be bound (the caller logs it once). */
    public static HttpServer start(String host, int port, Router router, BearerAuth auth, SslContext tls,
                                   Limits limits) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, AgentThreads.numbered("http"),
                NioIoHandler.newFactory());
        // Core size = maximum: a pool only grows past its core size when the queue is full, so a smaller core
        // would run one long request (a 30 s CPU profile) at a time and queue everything else behind it.
        ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queue()), AgentThreads.numbered("worker"));
        workers.allowCoreThreadTimeOut(true);
        RequestDispatcher dispatcher = new RequestDispatcher(router, auth, workers);
        ConnectionLimiter connections = new ConnectionLimiter(limits.maxConnections());
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 64)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ChannelPipeline p = ch.pipeline();
                            p.addLast(connections);
                            if (tls != null) {
                                p.addLast(tls.newHandler(ch.alloc()));
                            }
                            p.addLast(new IdleStateHandler(0, 0, limits.idleSeconds()));
                            p.addLast(new HttpServerCodec(limits.maxInitialLine(), limits.maxHeaderBytes(), 8192));
                            p.addLast(new HttpObjectAggregator(limits.maxBodyBytes()));
                            p.addLast(dispatcher);
                        }
                    })
                    .bind(host, port).sync().channel();
            return new HttpServer(group, workers, ch);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownNow();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    public void stop() {
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workers.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

}
