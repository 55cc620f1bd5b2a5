package io.github.mysqlresilience.pool;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.github.mysqlresilience.error.MySqlErrorClassifier;
import io.github.mysqlresilience.error.MySqlErrorListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Guards every HikariCP pool before it starts: installs the
 * {@link MySqlSQLExceptionOverride} (never replacing one the application set) and, for
 * Spring Boot's plain {@link HikariDataSource}, puts a {@link ResilientHikariDataSource}
 * with the same configuration in its place so that borrows are watched and fail fast
 * during an outage. Runs after Spring Boot has bound the pool's properties.
 *
 * @since 0.1.0
 */
public class HikariPoolGuardPostProcessor implements DestructionAwareBeanPostProcessor, Ordered {

	private static final Log logger = LogFactory.getLog(HikariPoolGuardPostProcessor.class);

	private final PoolSettings settings;

	private final MySqlErrorClassifier classifier;

	private final Supplier<List<MySqlPoolListener>> listeners;

	private final Supplier<List<MySqlErrorListener>> errorListeners;

	private final Supplier<@Nullable ConnectionDecorator> decorator;

	/**
	 * The pools put in place of Spring Boot's, by the bean they replace: Spring destroys
	 * the bean it created, not the one a post-processor returned, so this closes them.
	 */
	private final Map<Object, HikariDataSource> replacements = Collections.synchronizedMap(new IdentityHashMap<>());

	/**
	 * Create a post-processor.
	 * @param settings how pools react
	 * @param classifier the error classifier
	 * @param listeners the pool listeners to notify, looked up when a pool is guarded
	 * @param errorListeners the error listeners to notify, looked up when a pool is
	 * guarded
	 */
	public HikariPoolGuardPostProcessor(PoolSettings settings, MySqlErrorClassifier classifier,
			Supplier<List<MySqlPoolListener>> listeners, Supplier<List<MySqlErrorListener>> errorListeners) {
		this(settings, classifier, listeners, errorListeners, () -> null);
	}

	/**
	 * Create a post-processor whose pools decorate their connections.
	 * @param settings how pools react
	 * @param classifier the error classifier
	 * @param listeners the pool listeners to notify, looked up when a pool is guarded
	 * @param errorListeners the error listeners to notify, looked up when a pool is
	 * guarded
	 * @param decorator the decorator of the connections the pools hand out, looked up when
	 * a pool is guarded, or {@code null} for none
	 */
	public HikariPoolGuardPostProcessor(PoolSettings settings, MySqlErrorClassifier classifier,
			Supplier<List<MySqlPoolListener>> listeners, Supplier<List<MySqlErrorListener>> errorListeners,
			Supplier<@Nullable ConnectionDecorator> decorator) {
		this.settings = settings;
		this.classifier = classifier;
		this.listeners = listeners;
		this.errorListeners = errorListeners;
		this.decorator = decorator;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (!(bean instanceof HikariDataSource hikari) || hikari.isRunning()
				|| (hikari.getJdbcUrl() != null && !MySqlJdbcUrls.isMySql(hikari.getJdbcUrl()))) {
			// Running already, or a pool of another database (a PostgreSQL or H2 secondary)
			return bean;
		}
		HikariDataSource guarded = hikari;
		if (hikari.getClass() == HikariDataSource.class) {
			ResilientHikariDataSource resilient = new ResilientHikariDataSource();
			hikari.copyStateTo(resilient);
			guarded = resilient;
		}
		PoolGuard guard = new PoolGuard(guarded, this.settings, this.classifier, this.listeners.get(),
				this.errorListeners.get());
		if (guarded instanceof ResilientHikariDataSource resilient) {
			resilient.setPoolGuard(guard);
			resilient.setConnectionDecorator(this.decorator.get());
			this.replacements.put(hikari, resilient);
		}
		if (guarded.getExceptionOverride() == null && guarded.getExceptionOverrideClassName() == null) {
			guarded.setExceptionOverride(new MySqlSQLExceptionOverride(this.classifier, guard));
		}
		else {
			logger.info("DataSource '" + beanName + "' has its own SQLExceptionOverride: MySQL eviction rules are not "
					+ "installed");
		}
		return guarded;
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		return this.replacements.containsKey(bean);
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		HikariDataSource replacement = this.replacements.remove(bean);
		if (replacement != null) {
			replacement.close();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
