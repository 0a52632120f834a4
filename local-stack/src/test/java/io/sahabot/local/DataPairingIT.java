package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPairingIT {

  @TempDir Path dataDir;

  @Test
  void aFirstRunPairsTheKafkaDataWithItsDatabaseAndLaterRunsFindThemPaired() throws Exception {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();

    assertThat(check(db)).isEqualTo(DataPairing.Verdict.NEW);
    assertThat(Files.readString(dataDir.resolve(DataPairing.FILE))).isNotBlank();
    assertThat(check(db)).isEqualTo(DataPairing.Verdict.PAIRED);
  }

  @Test
  void kafkaDataKeptWithAnotherDatabaseIsAMismatch() throws Exception {
    TestDatabase first = SahaBotInfrastructure.get().newEmptyDatabase();
    TestDatabase other = SahaBotInfrastructure.get().newEmptyDatabase();
    check(first);

    assertThat(check(other)).isEqualTo(DataPairing.Verdict.MISMATCH);
    assertThat(DataPairing.warning(dataDir, other.jdbcUrl()))
        .contains("WARNING")
        .contains(other.jdbcUrl())
        .contains("--fresh");
  }

  @Test
  void aDatabaseStampedByAnotherDataDirectoryIsAMismatchForThatOne() throws Exception {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();
    check(db);
    Files.writeString(dataDir.resolve(DataPairing.FILE), "another-run\n");

    assertThat(check(db)).isEqualTo(DataPairing.Verdict.MISMATCH);
  }

  private DataPairing.Verdict check(TestDatabase db) throws Exception {
    String admin = db.jdbcUrl().substring(0, db.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
    return DataPairing.check(dataDir, admin, db.ownerUser(), db.ownerPassword(), db.name());
  }
}
