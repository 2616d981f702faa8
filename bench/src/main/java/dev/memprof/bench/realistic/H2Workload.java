package dev.memprof.bench.realistic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * An order-entry style SQL workload on an H2 in-memory database: each transaction inserts a batch of orders,
 * deletes as many of the oldest (so the table keeps its size), runs a join with a group-by, and reads one
 * customer's largest orders. Shared by the JMH benchmark and the start-up probe.
 */
public final class H2Workload implements AutoCloseable {

    private static final int CUSTOMERS = 1_000;
    private static final int ORDERS = 10_000;
    private static final int BATCH = 10;
    private static final String[] CITIES = {"Lisbon", "Oslo", "Quito", "Osaka", "Lagos", "Lima", "Perth", "Riga"};

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement deleteOldest;
    private final PreparedStatement revenueByCity;
    private final PreparedStatement largestOrders;
    private final SplittableRandom random = new SplittableRandom(7);
    private long nextOrderId;

    private H2Workload(Connection connection) throws SQLException {
        this.connection = connection;
        insert = connection.prepareStatement(
                "INSERT INTO orders (id, customer_id, amount, note) VALUES (?, ?, ?, ?)");
        deleteOldest = connection.prepareStatement("DELETE FROM orders WHERE id < ?");
        revenueByCity = connection.prepareStatement(
                "SELECT c.city, COUNT(*), SUM(o.amount) FROM orders o JOIN customers c ON o.customer_id = c.id"
                        + " WHERE c.id BETWEEN ? AND ? GROUP BY c.city ORDER BY c.city");
        largestOrders = connection.prepareStatement(
                "SELECT o.id, o.amount, o.note, c.name FROM orders o JOIN customers c ON o.customer_id = c.id"
                        + " WHERE o.customer_id = ? ORDER BY o.amount DESC LIMIT 20");
    }

    /** Creates and fills a private in-memory database named {@code name}. */
    public static H2Workload open(String name) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS orders");
            s.execute("DROP TABLE IF EXISTS customers");
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(64), city VARCHAR(32))");
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(12,2),"
                    + " note VARCHAR(200))");
            s.execute("CREATE INDEX orders_customer ON orders (customer_id)");
            // Generated inside H2 in two statements: the preload then costs little even under rate=1.
            s.execute("INSERT INTO customers SELECT X, 'customer-' || X, ARRAY_GET(ARRAY" + cityArray()
                    + ", MOD(X, " + CITIES.length + ") + 1) FROM SYSTEM_RANGE(0, " + (CUSTOMERS - 1) + ")");
            s.execute("INSERT INTO orders SELECT X, MOD(X * 7919, " + CUSTOMERS + "), MOD(X * 104729, 1000000) / 100.0,"
                    + " 'order ' || X || ' for delivery ' || MOD(X, 1000) FROM SYSTEM_RANGE(0, " + (ORDERS - 1) + ")");
        }
        H2Workload w = new H2Workload(c);
        w.nextOrderId = ORDERS;
        return w;
    }

    private static String cityArray() {
        StringBuilder sb = new StringBuilder("[");
        for (String city : CITIES) {
            sb.append(sb.length() > 1 ? ", '" : "'").append(city).append('\'');
        }
        return sb.append(']').toString();
    }

    /** One transaction; returns a checksum of what it read so that nothing is dead code. */
    public long transaction() throws SQLException {
        insertBatch();
        deleteOldest.setLong(1, nextOrderId - ORDERS);
        deleteOldest.executeUpdate();

        long checksum = 0;
        int from = random.nextInt(CUSTOMERS - 100);
        revenueByCity.setInt(1, from);
        revenueByCity.setInt(2, from + 100);
        try (ResultSet rs = revenueByCity.executeQuery()) {
            while (rs.next()) {
                checksum += rs.getString(1).length() + rs.getLong(2) + rs.getBigDecimal(3).longValue();
            }
        }
        largestOrders.setInt(1, random.nextInt(CUSTOMERS));
        try (ResultSet rs = largestOrders.executeQuery()) {
            while (rs.next()) {
                checksum += rs.getLong(1) + rs.getBigDecimal(2).intValue() + rs.getString(3).length()
                        + rs.getString(4).length();
            }
        }
        return checksum;
    }

    private void insertBatch() throws SQLException {
        for (int i = 0; i < BATCH; i++) {
            long id = nextOrderId++;
            insert.setLong(1, id);
            insert.setInt(2, random.nextInt(CUSTOMERS));
            insert.setBigDecimal(3, java.math.BigDecimal.valueOf(random.nextInt(1_000_000), 2));
            insert.setString(4, "order " + id + " for delivery " + random.nextInt(1000));
            insert.addBatch();
        }
        insert.executeBatch();
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SHUTDOWN");
        } finally {
            connection.close();
        }
    }
}
