// ems120 journal: the telemetry journal read back, each vehicle's history in sequence order.
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/data_directory.hpp"
#include "dispatch/journal_history.hpp"

namespace ems120::cli {

int run_journal(std::span<const std::string> args) {
    CommandLine line("journal",
                     "Prints the dispatcher's telemetry journal as JSON lines, one vehicle after another, each\n"
                     "vehicle's records in sequence order (fixes, vitals, status changes, order acknowledgements,\n"
                     "outbox gaps, rejected messages). Safe to run while the dispatcher is running. Damaged\n"
                     "records are skipped and reported on stderr.",
                     {{"data", "DIR", "the dispatcher's data directory (default ./ems120-data)"},
                      {"vehicle", "ID", "only this vehicle"},
                      {"summary", "", "one line per vehicle: records, first and last seq, gaps"}});
    if (!line.parse(args)) return 0;
    const DataDirectory data(line.value("data").value_or("ems120-data"), false);
    if (!std::filesystem::is_directory(data.journal_directory()))
        throw InputError("no journal in " + data.journal_directory().string());
    const auto history = dispatch::read_journal_history(data.journal_directory());
    for (const auto& problem : history.replay.problems) std::cerr << "ems120 journal: " << problem << "\n";
    const auto only = line.value("vehicle");
    bool found = false;
    for (const auto& vh : history.vehicles) {
        if (only && vh.vehicle.value != *only) continue;
        found = true;
        if (line.has("summary")) {
            std::uint64_t sequenced = 0;
            protocol::Seq first = 0, last = 0;
            for (const auto& r : vh.records)
                if (r.message.seq) ++sequenced, first = first ? std::min(first, r.message.seq) : r.message.seq, last = std::max(last, r.message.seq);
            std::cout << vh.vehicle.value << ": " << vh.records.size() << " records, " << sequenced << " sequenced (seq " << first << " to " << last << ")\n";
            continue;
        }
        for (const auto& r : vh.records) std::cout << dispatch::record_json(vh.vehicle, r) << "\n";
    }
    if (only && !found) throw InputError("the journal has nothing from vehicle '" + *only + "'");
    return 0;
}

}  // namespace ems120::cli
