package org.hindsight.reduce;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for every Spark test class in the JVM: starting one costs seconds. */
final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSession.builder().appName("hindsight reduce tests").master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }
}
