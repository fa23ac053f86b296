#include "vehicle_agent/simulated_ambulance_sources.hpp"

#include <cstdio>

namespace ems120::agent {

namespace {

// One of the ambulance's three outputs as an InputSource; `Take` picks which.
template <class Reading, class Take>
class SimulatedAmbulanceSource final : public InputSource<Reading> {
public:
    SimulatedAmbulanceSource(std::shared_ptr<SimulatedAmbulance> ambulance, Take take, const char* what)
        : ambulance_(std::move(ambulance)), take_(take), what_(what) {}

    int wait_fd() const override { return -1; }
    std::optional<std::int64_t> next_due() const override { return ambulance_->next_due_steady_ms(); }
    void poll(Now now, std::vector<Reading>& out) override {
        ambulance_->advance(now);
        for (auto& reading : take_(*ambulance_)) {
            out.push_back(std::move(reading));
            ++stats_.readings;
        }
    }
    bool finished() const override { return false; }
    SourceStats stats() const override { return stats_; }
    std::string describe() const override {
        const auto& c = ambulance_->config();
        char home[64];
        std::snprintf(home, sizeof home, "%.5f, %.5f", c.home.lat, c.home.lon);
        return "simulated ambulance " + c.unit.value + " (" + what_ + ", home " + home + ", seed " + std::to_string(c.seed) + ")";
    }

private:
    std::shared_ptr<SimulatedAmbulance> ambulance_;
    Take take_;
    std::string what_;
    SourceStats stats_;
};

template <class Reading, class Take>
std::unique_ptr<InputSource<Reading>> source(const std::shared_ptr<SimulatedAmbulance>& ambulance, Take take, const char* what) {
    return std::make_unique<SimulatedAmbulanceSource<Reading, Take>>(ambulance, take, what);
}

}  // namespace

SimulatedAmbulanceSources make_sources(const std::shared_ptr<SimulatedAmbulance>& ambulance) {
    return {source<protocol::PositionFix>(ambulance, [](SimulatedAmbulance& a) { return a.take_fixes(); }, "GPS"),
            source<protocol::Vitals>(ambulance, [](SimulatedAmbulance& a) { return a.take_vitals(); }, "monitor"),
            source<protocol::CrewStatusChange>(ambulance, [](SimulatedAmbulance& a) { return a.take_statuses(); }, "crew")};
}

void attach_simulated_ambulance(AgentConfig& config, const std::shared_ptr<SimulatedAmbulance>& ambulance) {
    auto sources = make_sources(ambulance);
    config.gps = std::move(sources.gps);
    config.vitals = std::move(sources.vitals);
    config.crew_status = std::move(sources.crew_status);
    config.on_order = [ambulance](const protocol::DispatchOrder& order) { ambulance->receive_order(order); };
    config.on_order_cancel = [ambulance](const protocol::OrderCancel& cancel) { ambulance->receive_cancel(cancel); };
}

}  // namespace ems120::agent
