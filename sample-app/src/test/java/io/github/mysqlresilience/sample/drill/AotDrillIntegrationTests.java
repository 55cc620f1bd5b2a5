package io.github.mysqlresilience.sample.drill;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.mysqlresilience.pool.ResilientHikariDataSource;
import io.github.mysqlresilience.retry.MySqlRetryAnnotationBeanPostProcessor;
import io.github.mysqlresilience.sample.SampleApplication;
import io.github.mysqlresilience.sample.bank.TransferService;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample processed ahead of time by the build ({@code spring-boot:process-aot}) and
 * started from the generated initializer ({@code -Dspring.aot.enabled=true}, no GraalVM
 * needed): the drill's KILL and failover faults behave there as in the application
 * started the usual way, the starter's translation, pool guard and retry all in place.
 */
class AotDrillIntegrationTests {

	private static final List<DrillFault> FAULTS = List.of(DrillFault.KILL_CONNECTIONS, DrillFault.FAILOVER);

	@Test
	void theStarterIsInPlaceInTheAheadOfTimeProcessedApplication() {
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.main(SampleApplication.class)
			.run("--server.port=0", "--spring.main.banner-mode=off")) {
			assertThat(context).as("started from the generated initializer")
				.isNotInstanceOf(AnnotationConfigApplicationContext.class)
				.isNotInstanceOf(AnnotationConfigServletWebServerApplicationContext.class);
			ConfigurableListableBeanFactory beans = context.getBeanFactory();
			RootBeanDefinition retryProcessor = (RootBeanDefinition) beans
				.getMergedBeanDefinition("org.springframework.resilience.annotation.internalRetryAnnotationProcessor");
			assertThat(retryProcessor.getInstanceSupplier()).as("the retry post-processor's generated definition")
				.isNotNull();
			assertThat(context.getBean(retryProcessor.getResolvableType().toClass()))
				.isInstanceOf(MySqlRetryAnnotationBeanPostProcessor.class);
			assertThat(beans.containsBeanDefinition("mySqlRetryAnnotationRegistrar"))
				.as("the registrar that replaced it at build time is left out").isFalse();
			assertThat(context.getBean(DataSource.class)).isInstanceOf(ResilientHikariDataSource.class);
			TransferService bank = context.getBean(TransferService.class);
			long total = bank.totalBalance();
			bank.deposit(1, 5, "aot-" + System.nanoTime());
			assertThat(bank.totalBalance()).isEqualTo(total + 5);
		}
		finally {
			System.clearProperty(AotDetector.AOT_ENABLED);
		}
	}

	@Test
	void killAndFailoverBehaveTheSameInTheAheadOfTimeProcessedApplication() {
		assertThat(ClassUtils.isPresent(SampleApplication.class.getName() + "__ApplicationContextInitializer",
				getClass().getClassLoader()))
			.as("the build processed the sample ahead of time")
			.isTrue();
		Drill.DrillOptions quick = Drill.DrillOptions.QUICK;
		Drill.DrillOptions options = quick.only(List.of(Setup.STARTER, Setup.STARTER_AOT), FAULTS);
		Map<Setup, Map<DrillFault, FaultResult>> results = Drill.run(options);
		System.out.println(DrillReport.format(results));
		// Plain Spring Boot surfaces both faults (DrillIntegrationTests). After a KILL the pool
		// guard's checks may leave nothing to retry; a failover's first write to the read-only
		// server is always retried: zero errors with that retry is the starter at work
		for (Setup setup : List.of(Setup.STARTER, Setup.STARTER_AOT)) {
			assertThat(results.get(setup).get(DrillFault.FAILOVER).retries()).as("%s: failover retried", setup)
				.isPositive();
		}
		for (DrillFault fault : FAULTS) {
			FaultResult usual = results.get(Setup.STARTER).get(fault);
			FaultResult aot = results.get(Setup.STARTER_AOT).get(fault);
			for (FaultResult result : List.of(usual, aot)) {
				assertThat(result.errors()).as("%s: errors", fault).isZero();
				assertThat(result.writesLost()).as("%s: writes lost", fault).isZero();
				assertThat(result.writesDuplicated()).as("%s: writes duplicated", fault).isZero();
				assertThat(result.writesFailedButCommitted()).as("%s: writes failed but committed", fault).isZero();
				assertThat(result.calls()).as("%s: calls", fault).isPositive();
			}
		}
	}

}
