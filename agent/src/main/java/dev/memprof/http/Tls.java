package dev.memprof.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.File;

/** HTTPS from PEM files, on the JDK's own TLS provider (no native code). */
public final class Tls {

    private Tls() {
    }

    /** @return the server context, or null when neither file is given */
    public static SslContext fromPem(String certFile, String keyFile) throws Exception {
        if (certFile == null && keyFile == null) {
            return null;
        }
        if (certFile == null || keyFile == null) {
            throw new IllegalArgumentException("HTTPS needs both tlsCert and tlsKey");
        }
        return SslContextBuilder.forServer(new File(certFile), new File(keyFile))
                .sslProvider(SslProvider.JDK)
                .build();
    }
}
