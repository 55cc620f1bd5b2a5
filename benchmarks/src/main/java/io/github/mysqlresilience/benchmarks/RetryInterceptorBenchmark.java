package io.github.mysqlresilience.benchmarks;

import io.github.mysqlresilience.autoconfigure.MySqlRetryAutoConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.retry.annotation.EnableRetry;

/**
 * The happy path: a call that succeeds at once, with in-memory work only, through the
 * MySQL-aware {@code @Retryable}, Spring Framework 7's plain {@code @Retryable},
 * spring-retry's {@code @Retryable}, and without any retry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class RetryInterceptorBenchmark {

	private AnnotationConfigApplicationContext starter;

	private AnnotationConfigApplicationContext spring;

	private AnnotationConfigApplicationContext springRetry;

	private Work plain;

	private Work mySqlAware;

	private Work springRetryable;

	private Work springRetryRetryable;

	private long value = 42;

	@Setup(Level.Trial)
	public void start() {
		this.plain = new Work.Plain();
		this.starter = new AnnotationConfigApplicationContext(StarterConfiguration.class);
		this.mySqlAware = this.starter.getBean(Work.class);
		this.spring = new AnnotationConfigApplicationContext(SpringConfiguration.class);
		this.springRetryable = this.spring.getBean(Work.class);
		this.springRetry = new AnnotationConfigApplicationContext(SpringRetryConfiguration.class);
		this.springRetryRetryable = this.springRetry.getBean(Work.class);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.starter.close();
		this.spring.close();
		this.springRetry.close();
	}

	@Benchmark
	public long plainCall() {
		return this.plain.compute(this.value);
	}

	@Benchmark
	public long mySqlAwareRetryable() {
		return this.mySqlAware.compute(this.value);
	}

	@Benchmark
	public long springFrameworkRetryable() {
		return this.springRetryable.compute(this.value);
	}

	@Benchmark
	public long springRetryRetryable() {
		return this.springRetryRetryable.compute(this.value);
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ MySqlRetryAutoConfiguration.class, Work.SpringRetryable.class })
	static class StarterConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableResilientMethods(proxyTargetClass = true)
	@Import(Work.SpringRetryable.class)
	static class SpringConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableRetry(proxyTargetClass = true)
	@Import(Work.LegacyRetryable.class)
	static class SpringRetryConfiguration {

	}

}
