#include "cli/demo_event_log.hpp"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

namespace ems120::cli {

namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string minutes(double ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f min", ms / 60'000.0);
    return text;
}

// "INC-7     " — ids line up in the log.
std::string id_column(const std::string& id) { return id.size() < 9 ? id + std::string(9 - id.size(), ' ') : id + " "; }

std::string where(const json& state) {
    const std::string place = str(state, "place");
    return place.empty() ? "the caller's location" : place;
}

// Minutes from the call to `milestone`, when both are known.
std::optional<double> since_call_ms(const json& state, const char* milestone) {
    const auto times = state.find("times");
    if (times == state.end() || !times->is_object()) return std::nullopt;
    const auto call = times->find("call_received"), then = times->find(milestone);
    if (call == times->end() || then == times->end() || !call->is_number() || !then->is_number()) return std::nullopt;
    return then->get<double>() - call->get<double>();
}

std::optional<std::string> incident_line(const json& event, const std::string& text,
                                         std::set<std::pair<std::string, std::string>>& shown) {
    const std::string id = str(event, "incident");
    const json state = event.value("state", json::object());
    const std::string priority = str(state, "priority"), unit = str(state, "unit");
    const auto once = [&](const std::string& kind) { return shown.insert({id, kind}).second; };

    if (text.rfind("call received", 0) == 0) {
        if (!once("call")) return std::nullopt;
        const std::string complaint = str(state, "complaint");
        return id_column(id) + "call       " + where(state) + " — " + priority + (complaint.empty() ? "" : ": " + complaint);
    }
    if (text.rfind("offered to ", 0) == 0 || text.rfind("assigned by the dispatcher: ", 0) == 0) {
        // The unit comes from the text: the state is the incident's after the whole change, which
        // may already hold a later offer (a diversion re-offers in the same instant).
        const std::string rest = text.substr(text.find(text[0] == 'o' ? "to " : ": ") + (text[0] == 'o' ? 3 : 2));
        const std::string to = rest.substr(0, rest.find(','));
        if (!once("offer " + text)) return std::nullopt;
        std::string eta = rest.find("ETA ") != std::string::npos ? rest.substr(rest.find("ETA ")) : "ETA ?";
        const auto& offers = state.value("offers", json::array());
        std::size_t number = 0;
        for (std::size_t i = 0; i < offers.size(); ++i) {
            if (str(offers[i], "unit") != to) continue;
            number = i + 1;
            if (offers[i].contains("eta_min") && offers[i]["eta_min"].is_number()) {
                char text_eta[32];
                std::snprintf(text_eta, sizeof text_eta, "ETA %.1f min", offers[i]["eta_min"].get<double>());
                eta = text_eta;
            }
        }
        return id_column(id) + "assigned   " + where(state) + " (" + priority + ") -> " + to + ", " + eta +
               (number > 1 ? " (offer " + std::to_string(number) + ")" : "");
    }
    if (text.rfind("on_scene", 0) == 0) {
        if (!once("on_scene")) return std::nullopt;
        const auto after = since_call_ms(state, "on_scene");
        return id_column(id) + "on scene   " + (unit.empty() ? "the unit" : unit) + " at " + where(state) +
               (after ? ", " + minutes(*after) + " after the call" : "");
    }
    if (text.rfind("closed", 0) == 0) {
        if (!once("closed")) return std::nullopt;
        const auto after = since_call_ms(state, "back_in_service");
        const auto& offers = state.value("offers", json::array());
        const std::string by = unit.empty() && !offers.empty() ? str(offers.back(), "unit") : unit;
        return id_column(id) + "completed  " + where(state) + (by.empty() ? "" : ", " + by + " back in service") +
               (after ? " " + minutes(*after) + " after the call" : "") + (text.size() > 6 ? " (" + text.substr(8) + ")" : "");
    }
    if (text.rfind("cancelled", 0) == 0) {
        if (!once("cancelled")) return std::nullopt;
        return id_column(id) + "cancelled  " + where(state) + (text.size() > 10 ? ": " + text.substr(11) : "");
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> event_line(const std::string& topic, const std::string& text_json,
                                      std::set<std::pair<std::string, std::string>>& shown) {
    const json event = json::parse(text_json, nullptr, false);
    if (event.is_discarded() || !event.is_object()) return std::nullopt;
    const std::string text = str(event, "text");
    if (topic == "alert") {
        // Replayed alerts are not news: show each text once per incident.
        if (!shown.insert({str(event, "incident"), "alert " + text}).second) return std::nullopt;
        return "ALERT    " + text;
    }
    if (topic == "incident") return incident_line(event, text, shown);
    return std::nullopt;
}

DemoEventLog::DemoEventLog(std::string events_endpoint, DemoLog& log) : endpoint_(std::move(events_endpoint)), log_(log) {
    thread_ = std::thread([this] { run(); });
}

DemoEventLog::~DemoEventLog() { stop(); }

void DemoEventLog::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

void DemoEventLog::run() {
    zmq::context_t context(1);
    zmq::socket_t events(context, zmq::socket_type::sub);
    events.set(zmq::sockopt::linger, 0);
    events.set(zmq::sockopt::subscribe, "incident");
    events.set(zmq::sockopt::subscribe, "alert");
    events.connect(endpoint_);  // ipc: connects (and reconnects) whenever the dispatcher binds
    std::set<std::pair<std::string, std::string>> shown;
    while (!stopping_) {
        zmq::pollitem_t item{events.handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(100));
        if (!(item.revents & ZMQ_POLLIN)) continue;
        zmq::message_t topic, body;
        if (!events.recv(topic, zmq::recv_flags::dontwait)) continue;
        if (!topic.more() || !events.recv(body, zmq::recv_flags::dontwait)) continue;
        const auto time_of = [&]() -> std::int64_t {
            const json event = json::parse(body.to_string(), nullptr, false);
            return event.is_object() && event.contains("time") && event["time"].is_number_integer() ? event["time"].get<std::int64_t>() : 0;
        };
        if (const auto line = event_line(topic.to_string(), body.to_string(), shown)) {
            const std::int64_t at = time_of();
            if (at > 0) log_.line_at(at, *line);
            else log_.line(*line);
        }
    }
}

}  // namespace ems120::cli
