#include "dispatch/ingest_server.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "dispatch/fleet_json.hpp"
#include "dispatch/fleet_snapshots.hpp"
#include "dispatch/incident_json.hpp"
#include "dispatch/state_snapshot.hpp"
#include "link/zap_handler.hpp"
#include "maps/input_error.hpp"
#include "protocol/codec.hpp"
#include "protocol/vital_signs.hpp"

namespace ems120::dispatch {

using protocol::Message;

namespace {

constexpr int kMaxFramesPerTurn = 4096;  // then acknowledge, so acks flow under full load
constexpr int kTimerIntervalMs = 100;
constexpr int kCancelSends = 3;

zmq::socket_t make_router(zmq::context_t& context, const IngestConfig& config) {
    zmq::socket_t socket(context, zmq::socket_type::router);
    socket.set(zmq::sockopt::linger, 0);
    socket.set(zmq::sockopt::rcvhwm, 100'000);
    socket.set(zmq::sockopt::sndhwm, 100'000);
    link::apply(socket, config.security);
    try {
        socket.bind(config.listen);
    } catch (const zmq::error_t& e) {
        throw InputError("cannot listen on " + config.listen + ": " + e.what());
    }
    return socket;
}

// With CURVE, the allow-list's ZAP handler must exist before the server socket does.
std::unique_ptr<link::ZapHandler> make_zap_handler(zmq::context_t& context, const IngestConfig& config) {
    if (!config.security.keys) return nullptr;
    if (!config.allow_list) throw InputError("CURVE needs an allow-list of vehicle keys (--allow FILE)");
    return std::make_unique<link::ZapHandler>(context, *config.allow_list, config.log);
}

}  // namespace

IngestServer::IngestServer(zmq::context_t& context, IngestConfig config, const link::Clock& clock)
    : context_(context),
      config_(std::move(config)),
      clock_(clock),
      zap_(make_zap_handler(context_, config_)),
      router_(make_router(context_, config_)),
      journal_(config_.journal) {
    if (!config_.control.empty()) {
        control_.emplace(context_, zmq::socket_type::rep);
        control_->set(zmq::sockopt::linger, 0);
        try {
            control_->bind(config_.control);
        } catch (const zmq::error_t& e) {
            throw InputError("cannot open the control socket " + config_.control + ": " + e.what());
        }
    }
    if (!config_.events.empty()) {
        events_.emplace(context_, zmq::socket_type::pub);
        events_->set(zmq::sockopt::linger, 0);
        events_->set(zmq::sockopt::sndhwm, 100'000);
        for (const auto& endpoint : config_.events) {
            try {
                events_->bind(endpoint);
            } catch (const zmq::error_t& e) {
                throw InputError("cannot publish events on " + endpoint + ": " + e.what());
            }
        }
    }
    if (!config_.center && config_.make_center) config_.center = config_.make_center();
    if (config_.center) {
        const auto& setup = *config_.center;
        center_ = std::make_unique<DispatchCenter>(setup.options, setup.modes, setup.destinations, fleet_, center_port_,
                                                   center_port_, clock_);
        if (!setup.coverage_places.empty() && setup.modes.for_priority(CallPriority::non_urgent).ch)
            coverage_ = std::make_unique<CoverageMonitor>(setup.modes.for_priority(CallPriority::non_urgent), setup.coverage_places,
                                                          setup.stations, setup.coverage);
    }
    replay_journal();
    if (center_) {
        center_->go_live();
        center_->take_notices();  // what go_live did is in the log below, not news for consoles
    }
}

IngestServer::~IngestServer() {
    try {
        // A clean stop leaves a snapshot, so the next start replays nothing.
        if (journal_.appended() > 0 && config_.journal.snapshot_every > 0) take_snapshot();
        journal_.commit();
    } catch (const std::exception&) {
        // Nothing uncommitted was acknowledged, so the vehicles will resend it.
    }
}

void IngestServer::replay_journal() {
    std::uint64_t messages = 0;
    std::vector<std::string> snapshot_problems;
    std::uint32_t first_segment = 0;
    if (auto snapshot = read_latest_snapshot(config_.journal.directory, snapshot_problems)) {
        first_segment = snapshot->first_segment;
        fleet_ = std::move(snapshot->fleet);
        if (center_) center_->restore(std::move(snapshot->incidents), std::move(snapshot->move_ups));
        startup_notes_.push_back("journal: state from the snapshot before segment " + std::to_string(first_segment) + " (" +
                                 std::to_string(fleet_.vehicles().size()) + " vehicle(s))");
    }
    for (const auto& problem : snapshot_problems) startup_notes_.push_back("journal: " + problem);
    std::uint64_t center_events = 0;
    const auto report = TelemetryJournal::replay(config_.journal.directory, [&](protocol::UnixMillis, std::string_view bytes) {
        if (is_center_event_record(bytes)) {
            if (!center_) return;  // a center's records, read by a server running without one
            try {
                center_->replay(decode_center_event(bytes));
                ++center_events;
            } catch (const std::invalid_argument& e) {
                startup_notes_.push_back(std::string("journal: skipped a center record: ") + e.what());
            }
            return;
        }
        for (auto& result : protocol::decode_frame(bytes, kJournalDecodeContext)) {
            if (!result.message) continue;
            auto& m = *result.message;
            auto& v = fleet_.vehicle(m.vehicle);
            ++messages;
            if (const auto* hello = std::get_if<protocol::Hello>(&m.body)) {
                if (v.stream_id != 0 && v.stream_id != hello->stream_id) fleet_.restart_stream(v, hello->stream_id);
                v.stream_id = hello->stream_id;
                v.software = hello->software_version;
                v.capabilities = hello->capabilities;
            } else if (const auto* gap = std::get_if<protocol::Gap>(&m.body)) {
                fleet_.apply_gap(v, *gap);
            } else if (const auto* rejected = std::get_if<protocol::Reject>(&m.body)) {
                v.sequence.mark(rejected->seq);
            } else if (protocol::is_sequenced(m.body) && v.sequence.mark(m.seq)) {
                fleet_.apply(v, m);
                if (const auto* vitals = std::get_if<protocol::Vitals>(&m.body)) vitals_.add(v.id, *vitals);
                if (center_) center_->replay_telemetry(m);
            }
        }
    }, first_segment);
    for (const auto& problem : report.problems) startup_notes_.push_back("journal: " + problem);
    startup_notes_.push_back("journal: replayed " + std::to_string(messages) + " records from " +
                             std::to_string(report.segments) + " segment(s), " + std::to_string(fleet_.vehicles().size()) + " vehicle(s) known");
    if (center_)
        startup_notes_.push_back("journal: " + std::to_string(center_events) + " center records, " +
                                 std::to_string(center_->book().incidents().size()) + " incident(s)");
}

void IngestServer::run(const std::atomic<bool>& stop) {
    while (!stop) run_once(kTimerIntervalMs);
}

void IngestServer::run_once(int timeout_ms) {
    std::array<zmq::pollitem_t, 2> items{{{router_.handle(), 0, ZMQ_POLLIN, 0}, {nullptr, 0, ZMQ_POLLIN, 0}}};
    int count = 1;
    if (control_) items[count++].socket = control_->handle();
    zmq::poll(items.data(), static_cast<std::size_t>(count), std::chrono::milliseconds(timeout_ms));

    for (int i = 0; i < kMaxFramesPerTurn; ++i) {
        zmq::message_t routing_id, payload;
        if (!router_.recv(routing_id, zmq::recv_flags::dontwait)) break;
        if (!routing_id.more()) continue;  // ROUTER always prefixes the routing id
        if (!router_.recv(payload, zmq::recv_flags::dontwait)) break;
        while (payload.more()) {  // extra frames are not part of the protocol: drop them
            zmq::message_t extra;
            if (!router_.recv(extra, zmq::recv_flags::dontwait)) break;
            if (!extra.more()) break;
        }
        ++counters_.frames;
        handle_frame(routing_id.to_string(), payload);
    }
    flush_acks();
    if (control_ && (items[1].revents & ZMQ_POLLIN)) handle_control();
    if (clock_.steady_ms() - last_timer_ms_ >= kTimerIntervalMs) run_timers();
}

void IngestServer::handle_frame(const std::string& routing_id, zmq::message_t& payload) {
    const auto now = clock_.steady_ms();
    auto [it, inserted] = peers_.try_emplace(routing_id);
    Peer& peer = it->second;
    if (inserted && config_.security.keys) {
        // The ZAP handler named the vehicle whose key signed in; nobody can claim another.
        try {
            peer.vehicle.value = payload.gets("User-Id");
            peer.authenticated = !peer.vehicle.value.empty();
        } catch (const zmq::error_t&) {
            peer.authenticated = false;
        }
    }
    peer.last_heard_ms = now;
    const std::string_view frame(static_cast<const char*>(payload.data()), payload.size());
    const protocol::DecodeContext context{clock_.unix_ms(), config_.max_future_ms};
    for (auto& result : protocol::decode_frame(frame, context)) {
        ++counters_.messages;
        if (result.error) reject(peer, routing_id, *result.error);
        else handle_message(peer, routing_id, *result.message, frame.substr(result.begin, result.end - result.begin));
    }
}

void IngestServer::reject(Peer& peer, const std::string& routing_id, const protocol::DecodeError& error) {
    ++counters_.rejected;
    const protocol::VehicleId& who = !peer.vehicle.value.empty() ? peer.vehicle : error.vehicle;
    if (const auto* known = fleet_.find(who); known && !who.value.empty())
        ++fleet_.vehicle(who).counts.rejects[static_cast<std::size_t>(error.code)];
    else
        ++counters_.unidentified_rejects;
    Message reply{who.value.empty() ? protocol::VehicleId{"?"} : who, 0, protocol::Reject{error.seq, error.code, error.detail}};
    // A stored message that is invalid stays invalid however often it is resent: count its seq
    // as done (journaled as a reject, for the audit trail) so the vehicle can let it go.
    if (error.seq != 0 && error.code != protocol::RejectCode::not_authorised && !peer.vehicle.value.empty() &&
        error.vehicle == peer.vehicle) {
        VehicleState& v = fleet_.vehicle(peer.vehicle);
        if (v.sequence.mark(error.seq)) {
            out_.clear();
            protocol::encode(reply, out_);
            journal_.append(clock_.unix_ms(), out_);
        }
        owe_ack(routing_id, peer);
    }
    send(routing_id, reply);
}

void IngestServer::handle_message(Peer& peer, const std::string& routing_id, Message& message, std::string_view bytes) {
    if (peer.vehicle.value.empty() && !peer.authenticated) peer.vehicle = message.vehicle;
    if (message.vehicle != peer.vehicle) {
        reject(peer, routing_id, {protocol::RejectCode::not_authorised,
                                  "this connection belongs to vehicle '" + peer.vehicle.value + "', not '" + message.vehicle.value + "'",
                                  message.vehicle, message.seq});
        return;
    }
    const auto now = clock_.steady_ms();
    const auto now_unix = clock_.unix_ms();
    VehicleState& v = fleet_.vehicle(message.vehicle);
    if (!v.link.connected) config_.log("vehicle " + v.id.value + ": link up");
    v.link.connected = true;
    v.link.last_heard_steady_ms = now;
    v.link.last_heard_unix_ms = now_unix;
    route_to_[v.id] = routing_id;

    if (const auto* hello = std::get_if<protocol::Hello>(&message.body)) {
        if (v.stream_id != hello->stream_id) {
            if (v.stream_id != 0)
                config_.log("vehicle " + v.id.value + ": new outbox stream (the unit was reset); its sequence numbers start again");
            if (v.stream_id != 0) fleet_.restart_stream(v, hello->stream_id);
            v.stream_id = hello->stream_id;
            journal_.append(now_unix, bytes);
        }
        v.software = hello->software_version;
        v.capabilities = hello->capabilities;
        config_.log("vehicle " + v.id.value + ": hello from software " + hello->software_version);
        owe_ack(routing_id, peer);  // tells the vehicle at once what the center already has
        return;
    }
    if (const auto* heartbeat = std::get_if<protocol::Heartbeat>(&message.body)) {
        v.link.last_heartbeat = *heartbeat;
        return;
    }
    if (const auto* gap = std::get_if<protocol::Gap>(&message.body)) {
        if (fleet_.apply_gap(v, *gap)) {
            journal_.append(now_unix, bytes);
            config_.log("vehicle " + v.id.value + ": its full outbox dropped " + std::to_string(gap->fixes) + " fixes and " +
                        std::to_string(gap->vitals) + " vital-sign records unsent");
        }
        owe_ack(routing_id, peer);
        return;
    }
    if (!protocol::is_sequenced(message.body)) {
        reject(peer, routing_id, {protocol::RejectCode::unknown_type,
                                  "'" + std::string(protocol::type_name(message.body)) + "' is not sent by vehicles", v.id, message.seq});
        return;
    }
    owe_ack(routing_id, peer);
    if (!v.sequence.mark(message.seq)) {
        ++counters_.duplicates;
        ++v.counts.duplicates;
        return;
    }
    journal_.append(now_unix, bytes);
    const auto position_before = v.position ? v.position->gnss_time : 0;
    fleet_.apply(v, message);
    ++counters_.accepted;
    if (center_) {
        center_->on_telemetry(message);
        publish_notices();
    }
    if (v.position && v.position->gnss_time != position_before) positions_moved_ = true;
    if (const auto* vitals = std::get_if<protocol::Vitals>(&message.body)) {
        vitals_.add(v.id, *vitals);
        if (events_) publish_vitals(v, *vitals);
    }
    if (events_ && ((v.position && v.position->gnss_time != position_before) ||
                    std::holds_alternative<protocol::CrewStatusChange>(message.body)))
        publish_unit(v);
    if (config_.on_applied) config_.on_applied(v, message);
}

void IngestServer::send(const std::string& routing_id, const Message& message) {
    out_.clear();
    protocol::encode(message, out_);
    // A vehicle that went away just misses this; ROUTER drops messages to unknown peers.
    router_.send(zmq::buffer(routing_id), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    router_.send(zmq::buffer(out_), zmq::send_flags::dontwait);
    if (auto it = peers_.find(routing_id); it != peers_.end()) it->second.last_sent_ms = clock_.steady_ms();
}

void IngestServer::owe_ack(const std::string& routing_id, Peer& peer) {
    if (peer.ack_due) return;
    peer.ack_due = true;
    acks_owed_.push_back(routing_id);
}

void IngestServer::flush_acks() {
    if (acks_owed_.empty()) return;
    journal_.commit();  // journal before ack: an acknowledged message is never lost
    for (const auto& routing_id : acks_owed_) {
        const auto it = peers_.find(routing_id);
        if (it == peers_.end()) continue;
        it->second.ack_due = false;
        if (const auto* v = fleet_.find(it->second.vehicle)) send(routing_id, Message{v->id, 0, v->sequence.ack()});
    }
    acks_owed_.clear();
}

void IngestServer::run_timers() {
    const auto now = clock_.steady_ms();
    last_timer_ms_ = now;
    for (auto it = peers_.begin(); it != peers_.end();) {
        if (now - it->second.last_heard_ms > config_.stale_after_ms) {
            it = peers_.erase(it);  // an old connection; the vehicle will come back on a new one
            continue;
        }
        if (now - it->second.last_sent_ms >= config_.heartbeat_ms && !it->second.vehicle.value.empty())
            send(it->first, Message{it->second.vehicle, 0, protocol::Heartbeat{clock_.unix_ms(), 0, 0, 0}});
        ++it;
    }
    for (const auto& [id, state] : fleet_.vehicles()) {
        if (state.link.connected && now - state.link.last_heard_steady_ms > config_.stale_after_ms) {
            fleet_.vehicle(id).link.connected = false;
            config_.log("vehicle " + id.value + ": stale, silent for " + std::to_string((now - state.link.last_heard_steady_ms) / 1000) + " s");
        }
    }
    publish_stale_changes();
    if (center_) {
        center_->run_timers();
        publish_notices();
        update_coverage();
    }
    if (config_.journal.snapshot_every > 0 && journal_.appended() >= config_.journal.snapshot_every) {
        try {
            take_snapshot();
        } catch (const std::exception& e) {
            // A snapshot only shortens the next restart; the journal alone still has everything.
            config_.log(std::string("journal: no snapshot this time: ") + e.what());
        }
    }
    send_cancels();
    for (auto& [vehicle, pending] : orders_) {
        const auto* state = fleet_.find(vehicle);
        std::erase_if(pending, [&](const PendingOrder& p) { return state && state->orders_shown.count(p.order.order_id); });
        const auto route = route_to_.find(vehicle);
        if (route == route_to_.end() || !state || !state->link.connected) continue;
        for (auto& p : pending) {
            if (p.last_sent_ms != 0 && now - p.last_sent_ms < config_.order_resend_ms) continue;
            send(route->second, Message{vehicle, 0, p.order});
            p.last_sent_ms = now;
        }
    }
}

void IngestServer::send_order(const protocol::VehicleId& vehicle, const protocol::DispatchOrder& order) {
    orders_[vehicle].push_back({order, 0});
    run_timers();
}

void IngestServer::withdraw_order(const protocol::VehicleId& vehicle, const std::string& order_id, const std::string& reason) {
    if (auto it = orders_.find(vehicle); it != orders_.end())
        std::erase_if(it->second, [&](const PendingOrder& p) { return p.order.order_id == order_id; });
    // The vehicle answers nothing to a cancel, so it goes a few times (docs/protocol.md).
    cancels_.push_back({vehicle, protocol::OrderCancel{order_id, reason}, 0, kCancelSends});
    config_.log("vehicle " + vehicle.value + ": order " + order_id + " withdrawn (" + reason + ")");
    send_cancels();
}

void IngestServer::send_cancels() {
    const auto now = clock_.steady_ms();
    for (auto& c : cancels_) {
        if (c.last_sent_ms != 0 && now - c.last_sent_ms < config_.order_resend_ms) continue;
        const auto route = route_to_.find(c.vehicle);
        const auto* state = fleet_.find(c.vehicle);
        if (route == route_to_.end() || !state || !state->link.connected) continue;
        send(route->second, Message{c.vehicle, 0, c.cancel});
        c.last_sent_ms = now;
        --c.sends_left;
    }
    std::erase_if(cancels_, [](const PendingCancel& c) { return c.sends_left == 0; });
}

void IngestServer::publish(const std::string& topic, const std::string& json) {
    if (!events_) return;
    // Every event says when it left, on the real wall clock (not the demo's simulated one), so a
    // console can measure how long it took to reach the screen.
    std::string body = json;
    if (body.size() >= 2 && body.back() == '}') {
        body.pop_back();
        body += (body.size() > 1 ? ",\"sent_ms\":" : "\"sent_ms\":") + std::to_string(link::SystemClock().unix_ms()) + "}";
    }
    // A slow or absent subscriber never holds up the dispatcher: PUB drops at its high-water mark.
    events_->send(zmq::buffer(topic), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    events_->send(zmq::buffer(body), zmq::send_flags::dontwait);
}

void IngestServer::publish_notices() {
    for (auto& notice : center_->take_notices()) {
        config_.log(notice.topic == "alert" ? "ALERT " + notice.text : notice.incident.value + ": " + notice.text);
        if (!events_) continue;
        nlohmann::json event{{"type", notice.topic}, {"incident", notice.incident.value}, {"text", notice.text},
                             {"time", clock_.unix_ms()}};
        if (const Incident* incident = center_->book().find(notice.incident))
            event["state"] = incident_to_json(*incident, false);
        publish(notice.topic, event.dump());
    }
}

void IngestServer::publish_vitals(const VehicleState& v, const protocol::Vitals& vitals) {
    nlohmann::json reading = vitals_reading_json(reading_of(vitals));
    reading["type"] = "vitals";
    reading["unit"] = v.id.value;
    publish("vitals", reading.dump());
    if (!center_) return;
    const Incident* incident = center_->book().held_by(v.id);
    if (!incident || !incident->destination || vitals.incident_id != incident->id.value) return;
    nlohmann::json values = nlohmann::json::object();
    for (std::size_t i = 0; i < protocol::kVitalSignCount; ++i)
        if (const auto& m = vitals.values[i]) values[std::string(protocol::kVitalSigns[i].key)] = m->value;
    // The topic ends in '#' so that subscribing to hospital "n1" does not also receive "n12".
    publish("hospital." + incident->destination->hospital_id + "#",
            nlohmann::json{{"type", "vitals"}, {"incident", incident->id.value}, {"unit", v.id.value}, {"time", vitals.time},
                           {"priority", name_of(incident->call.priority)}, {"values", std::move(values)}}
                .dump());
}

void IngestServer::take_snapshot() {
    const auto start = clock_.steady_ms();
    const std::uint32_t first = journal_.start_new_segment();
    std::vector<const Incident*> incidents;
    std::vector<MoveUpOrdered> move_ups;
    if (center_) {
        for (const auto& [id, incident] : center_->book().incidents()) incidents.push_back(&incident);
        for (const auto& [unit, move] : center_->move_ups().active()) move_ups.push_back(move);
    }
    write_snapshot(config_.journal.directory, first, encode_snapshot(fleet_, incidents, first, move_ups));
    config_.log("journal: snapshot before segment " + std::to_string(first) + " (" + std::to_string(fleet_.vehicles().size()) +
                " vehicle(s), " + std::to_string(incidents.size()) + " incident(s)) in " + std::to_string(clock_.steady_ms() - start) + " ms");
}

void IngestServer::update_coverage() {
    if (!coverage_) return;
    const bool changed = center_->take_fleet_changed() || positions_moved_;
    positions_moved_ = false;
    pending_coverage_ = pending_coverage_ || changed;
    const auto now = clock_.steady_ms();
    if (!pending_coverage_ || now < coverage_due_ms_) return;
    pending_coverage_ = false;
    coverage_due_ms_ = now + config_.center->coverage_interval_ms;
    std::vector<UnitSnapshot> units;
    fleet_snapshots(fleet_, center_->book(), units);
    const bool was_short = coverage_->computed() && !coverage_->coverage().uncovered.empty();
    const MoveUpOrders& moving = center_->move_ups();
    coverage_->update(units, clock_.unix_ms(), [&moving](const protocol::VehicleId& unit) { return moving.moving(unit); });
    const auto& c = coverage_->coverage();
    if (!c.uncovered.empty() && !was_short) {
        // Said once when villages fall outside the radius, not at every recompute while they stay out.
        const auto view = coverage_->to_json();
        std::string names;
        for (std::size_t i = 0; i < view["uncovered"].size() && i < 3; ++i)
            names += (i ? ", " : "") + view["uncovered"][i]["name"].get<std::string>();
        if (c.uncovered.size() > 3) names += ", ...";
        const std::string text = "coverage: " + std::to_string(c.uncovered.size()) + " place(s) beyond " +
                                 std::to_string(config_.center->coverage.limit / 60'000) + " min of a free unit (" + names + ")";
        config_.log("ALERT " + text);
        publish("alert", nlohmann::json{{"type", "alert"}, {"incident", ""}, {"text", text}, {"time", clock_.unix_ms()}}.dump());
    } else if (c.uncovered.empty() && was_short) {
        config_.log("coverage: every place is within " + std::to_string(config_.center->coverage.limit / 60'000) + " min of a free unit again");
    }
    publish("coverage", nlohmann::json{{"type", "coverage"}, {"coverage", coverage_->to_json()}}.dump());
}

void IngestServer::publish_unit(const VehicleState& v) {
    nlohmann::json event{{"type", "unit"}, {"unit", v.id.value}, {"connected", v.link.connected}};
    if (v.position)
        event["position"] = {{"lat", v.position->lat}, {"lon", v.position->lon}, {"time", v.position->gnss_time},
                             {"speed_mps", v.position->speed_mps ? nlohmann::json(*v.position->speed_mps) : nlohmann::json(nullptr)},
                             {"heading_deg", v.position->heading_deg ? nlohmann::json(*v.position->heading_deg) : nlohmann::json(nullptr)}};
    if (v.status) event["status"] = protocol::to_string(v.status->status);
    const bool stale = is_stale(v);
    event["stale"] = stale;
    stale_said_[v.id] = stale;
    if (center_) {
        const auto a = availability_of(v, center_->book());
        event["free"] = is_free(a);
        if (const Incident* incident = center_->book().held_by(v.id)) event["incident"] = incident->id.value;
    }
    publish("unit", event.dump());
}

bool IngestServer::is_stale(const VehicleState& v) const {
    if (!v.link.connected || !v.position) return true;
    const std::int64_t limit = config_.center ? config_.center->options.assignment.stale_after_ms : config_.stale_after_ms;
    return clock_.unix_ms() - v.position->gnss_time > limit;
}

void IngestServer::publish_stale_changes() {
    if (!events_) return;
    for (const auto& [id, v] : fleet_.vehicles()) {
        const auto said = stale_said_.find(id);
        if (said == stale_said_.end() || said->second != is_stale(v)) publish_unit(v);
    }
}

IngestCounters IngestServer::counters() const {
    IngestCounters c = counters_;
    if (zap_) c.refused_connections = zap_->refused();
    return c;
}

std::string IngestServer::fleet_json() const {
    return fleet_to_json(fleet_, counters(), clock_.steady_ms()).dump(2);
}

void IngestServer::handle_control() {
    zmq::message_t request;
    if (!control_->recv(request, zmq::recv_flags::dontwait)) return;
    while (request.more()) {
        zmq::message_t extra;
        if (!control_->recv(extra, zmq::recv_flags::dontwait) || !extra.more()) break;
    }
    const std::string reply = control_reply(request.to_string());
    control_->send(zmq::buffer(reply), zmq::send_flags::dontwait);
}

std::string IngestServer::control_reply(const std::string& text) {
    nlohmann::json request;
    try {
        request = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
        return R"({"error":"the request is not JSON"})";
    }
    try {
        const std::string command = request.value("cmd", "");
        if (command == "fleet") return fleet_to_json(fleet_, counters(), clock_.steady_ms()).dump();
        if (command == "order") {
            protocol::DispatchOrder order = order_from_json(request.at("order"));
            order.issued = clock_.unix_ms();
            const protocol::VehicleId vehicle{request.at("vehicle").get<std::string>()};
            if (!fleet_.find(vehicle)) return nlohmann::json{{"error", "no vehicle '" + vehicle.value + "' has connected"}}.dump();
            send_order(vehicle, order);
            return nlohmann::json{{"ok", true}, {"order", order.order_id}}.dump();
        }
        if (center_) return center_reply(command, request);
        return nlohmann::json{{"error", "unknown command '" + command + "' (fleet, order)"}}.dump();
    } catch (const nlohmann::json::exception& e) {
        return nlohmann::json{{"error", std::string("bad request: ") + e.what()}}.dump();
    } catch (const InputError& e) {
        return nlohmann::json{{"error", e.what()}}.dump();
    }
}

}  // namespace ems120::dispatch
