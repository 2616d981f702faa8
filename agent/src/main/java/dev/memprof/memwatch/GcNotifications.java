package dev.memprof.memwatch;

import dev.memprof.threads.AgentThreads;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Listens to the collectors' GC notifications. The JDK delivers them on its own service thread, which also serves
 * other JMX work, so the listener only hands the raw notification to memwatch's daemon thread (a bounded queue;
 * when it is full the notification is dropped and counted). Decoding and everything else happens there.
 */
public final class GcNotifications implements NotificationListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GcNotifications.class);
    private static final int QUEUE = 1024;

    private final HeapPools pools;
    private final Consumer<GcEvent> sink;
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final ThreadPoolExecutor worker;
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<NotificationEmitter> emitters = new ArrayList<>();

    private GcNotifications(HeapPools pools, Consumer<GcEvent> sink) {
        this.pools = pools;
        this.sink = sink;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), AgentThreads.single("memwatch"),
                (r, executor) -> dropped.incrementAndGet());
    }

    /** Registers on every collector bean that emits notifications. */
    public static GcNotifications install(HeapPools pools, Consumer<GcEvent> sink) {
        GcNotifications n = new GcNotifications(pools, sink);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(n, null, null);
                n.emitters.add(emitter);
            }
        }
        return n;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())
                && notification.getUserData() instanceof CompositeData data) {
            worker.execute(() -> deliver(data));
        }
    }

    private void deliver(CompositeData data) {
        try {
            sink.accept(decode(GarbageCollectionNotificationInfo.from(data)));
        } catch (RuntimeException e) {
            log.debug("cannot process a GC notification", e);
        }
    }

    GcEvent decode(GarbageCollectionNotificationInfo info) {
        GcInfo gc = info.getGcInfo();
        var before = gc.getMemoryUsageBeforeGc();
        var after = gc.getMemoryUsageAfterGc();
        return new GcEvent(info.getGcName(), CollectorKind.of(info.getGcName()), info.getGcCause(),
                Instant.ofEpochMilli(jvmStartMillis + gc.getEndTime()), pools.heapUsed(before), pools.heapUsed(after),
                pools.oldUsed(before), pools.oldUsed(after), pools.edenUsed(before));
    }

    /** Notifications dropped because memwatch's queue was full. */
    public int dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
        worker.shutdownNow();
    }
}
