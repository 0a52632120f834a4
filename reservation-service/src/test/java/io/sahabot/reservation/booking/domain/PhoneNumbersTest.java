package io.sahabot.reservation.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  @Test
  void readsInternationalDigitsAsTheyAre() {
    assertThat(PhoneNumbers.normalise("905454031918")).contains("905454031918");
    assertThat(PhoneNumbers.normalise("+49 151 23456789")).contains("4915123456789");
  }

  @Test
  void readsNationalNumbersInTurkey() {
    assertThat(PhoneNumbers.normalise("0545 403 19 18")).contains("905454031918");
    assertThat(PhoneNumbers.normalise("(545) 403-1918")).contains("905454031918");
  }

  @Test
  void refusesWhatIsNoPhoneNumber() {
    assertThat(PhoneNumbers.normalise("TR.1234abcd")).isEmpty();
    assertThat(PhoneNumbers.normalise("12")).isEmpty();
    assertThat(PhoneNumbers.normalise(" ")).isEmpty();
  }
}
