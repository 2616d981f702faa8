package dev.memprof;

import dev.memprof.http.BearerAuth;
import dev.memprof.http.HttpServer;
import dev.memprof.http.Router;
import dev.memprof.http.Tls;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the HTTP server with the security defaults: the token (from tokenFile, else token), the refusal of a
 * non-loopback host without one, and HTTPS when tlsCert/tlsKey are given. Any failure is one log line and no server.
 */
final class AgentServer {

    private static final Logger log = LoggerFactory.getLogger(AgentServer.class);

    private AgentServer() {
    }

    /** Binds the server; returns null (after one log line) when it cannot. */
    static HttpServer bind(AgentArgs args, Router router) {
        String token;
        try {
            token = token(args);
        } catch (IOException e) {
            log.error("cannot read tokenFile {} ({}); the server does not start", args.tokenFile(), e.getMessage());
            return null;
        }
        if (token == null && !args.insecure() && !isLoopback(args.host())) {
            log.error("refusing to serve on non-loopback host {} without a token; set tokenFile= (or insecure=true)",
                    args.host());
            return null;
        }
        SslContext tls;
        try {
            tls = Tls.fromPem(args.tlsCert(), args.tlsKey());
        } catch (Exception e) {
            log.error("cannot set up HTTPS from tlsCert/tlsKey ({}); the server does not start",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
        try {
            return HttpServer.start(args.host(), args.port(), router, new BearerAuth(token), tls,
                    HttpServer.Limits.DEFAULT);
        } catch (Exception e) {
            log.error("cannot listen on {}:{} ({}); profiling routes are off, the application continues",
                    args.host(), args.port(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
    }

    /** Logs the URL and publishes it as the system property memprof.url: the agent is ready. */
    static void announce(AgentArgs args, HttpServer server) {
        String url = (args.tlsCert() != null ? "https://" : "http://") + hostForUrl(args.host()) + ":" + server.address().getPort() + "/debug/pprof/";
        System.setProperty(Agent.URL_PROPERTY, url);
        log.info("listening on {}", url);
    }

    private static String token(AgentArgs args) throws IOException {
        if (args.tokenFile() != null) {
            String t = Files.readString(Path.of(args.tokenFile()), StandardCharsets.UTF_8).trim();
            return t.isEmpty() ? null : t;
        }
        return args.token();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
