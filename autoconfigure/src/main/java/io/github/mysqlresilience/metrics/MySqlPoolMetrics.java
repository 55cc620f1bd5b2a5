package io.github.mysqlresilience.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mysqlresilience.pool.MySqlPoolListener;
import io.github.mysqlresilience.pool.PoolEviction;
import io.github.mysqlresilience.pool.ProbeKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts evictions ({@value MySqlMeters#POOL_EVICTIONS}) and dead-pool episodes
 * ({@value MySqlMeters#POOL_DEAD_EVENTS}), shows outage mode
 * ({@value MySqlMeters#POOL_OUTAGE}) and counts the outage probe's tries
 * ({@value MySqlMeters#POOL_PROBES}), per pool. Spring Boot's own {@code hikaricp.*} and
 * {@code jdbc.connections.*} gauges are left to Spring Boot.
 *
 * @since 0.1.0
 */
public class MySqlPoolMetrics implements MySqlPoolListener {

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> outage = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param registry the registry
	 */
	public MySqlPoolMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onPoolStarted(String pool) {
		outageGauge(pool);
		deadEvents(pool);
		Counter.builder(MySqlMeters.STREAM_ABORTS)
			.description("Streaming result sets aborted by a failure")
			.tag(MySqlMeters.POOL, pool)
			.register(this.registry);
	}

	@Override
	public void onEviction(PoolEviction eviction) {
		Counter.builder(MySqlMeters.POOL_EVICTIONS)
			.description("Pool-wide soft evictions and forced connection evictions, by reason")
			.tag(MySqlMeters.POOL, eviction.pool())
			.tag(MySqlMeters.REASON, eviction.reason().name())
			.register(this.registry)
			.increment();
	}

	@Override
	public void onDeadPoolEpisode(String pool) {
		deadEvents(pool).increment();
	}

	@Override
	public void onOutageMode(String pool, boolean active) {
		outageGauge(pool).set(active ? 1 : 0);
	}

	@Override
	public void onProbe(String pool, ProbeKind kind) {
		Counter.builder(MySqlMeters.POOL_PROBES)
			.description("Tries of the server by the outage probe: knocks (TCP, no login) and logins")
			.tag(MySqlMeters.POOL, pool)
			.tag(MySqlMeters.KIND, kind.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	private Counter deadEvents(String pool) {
		return Counter.builder(MySqlMeters.POOL_DEAD_EVENTS)
			.description("Dead-pool episodes: lost connections after the pool was healthy")
			.tag(MySqlMeters.POOL, pool)
			.register(this.registry);
	}

	private AtomicInteger outageGauge(String pool) {
		return this.outage.computeIfAbsent(pool, (name) -> {
			AtomicInteger state = new AtomicInteger();
			Gauge.builder(MySqlMeters.POOL_OUTAGE, state, AtomicInteger::get)
				.description("1 while the pool is in outage mode (callers fail fast), else 0")
				.tag(MySqlMeters.POOL, name)
				.register(this.registry);
			return state;
		});
	}

}
