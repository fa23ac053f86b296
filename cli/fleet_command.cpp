// ems120 fleet: the fleet state of a running dispatcher, as a table or JSON.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/control_client.hpp"
#include "cli/data_directory.hpp"
#include "cli/value_parsers.hpp"

namespace ems120::cli {

namespace {

std::string vital(const nlohmann::json& vitals, const char* key) {
    if (!vitals.contains(key)) return "-";
    const auto& v = vitals[key];
    char text[32];
    std::snprintf(text, sizeof text, "%g%s", v["value"].get<double>(), v["plausible"].get<bool>() ? "" : "?");
    return text;
}

void print_table(const nlohmann::json& fleet) {
    std::printf("%-10s %-6s %-8s %-22s %-8s %-14s %-5s %-5s %-8s %-7s %s\n", "VEHICLE", "LINK", "HEARD", "POSITION", "KM/H",
                "STATUS", "HR", "SPO2", "BP", "OUTBOX", "REJECTS");
    for (const auto& v : fleet["vehicles"]) {
        std::string heard = "-", position = "-", speed = "-";
        if (!v["last_heard_ms_ago"].is_null()) heard = std::to_string(v["last_heard_ms_ago"].get<long long>() / 1000) + " s";
        if (!v["position"].is_null()) {
            char p[40];
            std::snprintf(p, sizeof p, "%.5f,%.5f", v["position"]["lat"].get<double>(), v["position"]["lon"].get<double>());
            position = p;
            if (v["position"].contains("speed_kmh")) speed = std::to_string(static_cast<int>(v["position"]["speed_kmh"].get<double>() + 0.5));
        }
        const auto& vitals = v["vitals"];
        const std::string bp = vital(vitals, "sys") + "/" + vital(vitals, "dia");
        std::uint64_t rejects = 0;
        for (const auto& [code, n] : v["counts"]["rejects"].items()) rejects += n.get<std::uint64_t>();
        std::printf("%-10s %-6s %-8s %-22s %-8s %-14s %-5s %-5s %-8s %-7llu %llu\n", v["vehicle"].get<std::string>().c_str(),
                    v["connected"].get<bool>() ? "up" : "stale", heard.c_str(), position.c_str(), speed.c_str(),
                    v["status"].is_null() ? "-" : v["status"].get<std::string>().c_str(), vital(vitals, "hr").c_str(),
                    vital(vitals, "spo2").c_str(), bp.c_str(),
                    static_cast<unsigned long long>(v["outbox"]["pending"].get<std::uint64_t>()), static_cast<unsigned long long>(rejects));
    }
    const auto& c = fleet["center"];
    std::printf("center: %llu accepted, %llu duplicates, %llu rejected, %llu refused connections\n",
                static_cast<unsigned long long>(c["accepted"].get<std::uint64_t>()), static_cast<unsigned long long>(c["duplicates"].get<std::uint64_t>()),
                static_cast<unsigned long long>(c["rejected"].get<std::uint64_t>()), static_cast<unsigned long long>(c["refused_connections"].get<std::uint64_t>()));
}

}  // namespace

int run_fleet(std::span<const std::string> args) {
    CommandLine line("fleet",
                     "Shows every vehicle a running dispatcher knows: link (up/stale), when last heard, position,\n"
                     "speed, crew status, latest vital signs ('?' = implausible reading), unsent messages in its\n"
                     "outbox and rejected messages.",
                     {{"data", "DIR", "the dispatcher's data directory (default ./ems120-data)"},
                      {"json", "", "print the full state as JSON"},
                      {"timeout-ms", "MS", "how long to wait for the dispatcher (default 3000)"}});
    if (!line.parse(args)) return 0;
    const DataDirectory data(line.value("data").value_or("ems120-data"), false);
    const int timeout = line.value("timeout-ms") ? static_cast<int>(parse_count("timeout-ms", *line.value("timeout-ms"), 1, 600'000)) : 3000;
    const std::string reply = ask_dispatcher(data.control_endpoint(), R"({"cmd":"fleet"})", timeout);
    const auto fleet = nlohmann::json::parse(reply);
    if (line.has("json")) std::cout << fleet.dump(2) << "\n";
    else print_table(fleet);
    return 0;
}

}  // namespace ems120::cli
