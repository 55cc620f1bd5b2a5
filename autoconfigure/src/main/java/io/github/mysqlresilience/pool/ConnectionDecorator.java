package io.github.mysqlresilience.pool;

import java.sql.Connection;

import javax.sql.DataSource;

/**
 * Decorates the connections a guarded pool hands out (the commit-outcome resolution
 * watches their commits).
 *
 * @since 0.1.0
 */
public interface ConnectionDecorator {

	/**
	 * Decorate a borrowed connection.
	 * @param pooled the pool's connection
	 * @param dataSource the pool
	 * @return the connection to hand out
	 */
	Connection decorate(Connection pooled, DataSource dataSource);

	/**
	 * Return the pool's connection behind a decorated one.
	 * @param connection a connection this decorator may have decorated
	 * @return the pool's connection
	 */
	Connection undecorate(Connection connection);

}
