package io.lblab.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessMeterTest {

    @Test
    void cpuTicksAreUtimeStimeAndTheWaitedForChildrensEvenWithSpacesInTheName() {
        String stat = "4242 (java main) S 1 4242 11224 0 -1 4194304 98 0 0 0 1500 250 7 3 20 0 1 0 1095895 3133440 414";
        assertThat(ProcStats.cpuTicksOfStat(stat)).isEqualTo(1500 + 250 + 7 + 3);
    }

    @Test
    void peakRssIsVmHwm() {
        assertThat(ProcStats.statusKiB("Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t 1000 kB\n", "VmHWM"))
                .isEqualTo(524288);
    }

    @Test
    void machineBusyShareLeavesOutIdleAndIowait() {
        ProcStats.Machine before = ProcStats.Machine.ofStatLine("cpu  100 0 100 700 100 0 0 0 0 0");
        ProcStats.Machine after = ProcStats.Machine.ofStatLine("cpu  500 0 300 800 100 0 0 0 0 0");
        assertThat(after.busyShareSince(before)).isCloseTo(600.0 / 700, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aRunIsHarnessBoundWhenAProcessOrTheMachineUsesMoreThan80PercentOfTheCores() {
        List<BenchReport.Usage> calm = List.of(new BenchReport.Usage("operator", 10, 0.5, 300),
                new BenchReport.Usage("simulator", 4, 0.2, 200));
        assertThat(ProcessMeter.verdict(calm, 0.79, 0, 2)).isNull();
        assertThat(ProcessMeter.verdict(calm, 0.81, 0, 2)).isEqualTo("the machine was 81% busy");
        assertThat(ProcessMeter.verdict(List.of(new BenchReport.Usage("operator", 20, 0.85, 300)), 0.5, 0, 2))
                .isEqualTo("operator used 85% of 2 cores");
    }

    @Test
    void aRunIsHarnessBoundWhenTheMachineIsSaturatedInBurstsThatTheAverageHides() {
        List<BenchReport.Usage> calm = List.of(new BenchReport.Usage("operator", 10, 0.4, 300));
        assertThat(ProcessMeter.verdict(calm, 0.6, 0.10, 2)).isNull();
        assertThat(ProcessMeter.verdict(calm, 0.6, 0.2, 2)).isEqualTo("the machine was 60% busy, but saturated (95%+) in 20% of the seconds");
    }
}
