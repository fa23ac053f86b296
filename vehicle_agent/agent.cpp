#include "vehicle_agent/agent.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "protocol/codec.hpp"
#include "vehicle_agent/crew_console.hpp"
#include "vehicle_agent/crew_keys.hpp"

namespace ems120::agent {

namespace {

void write_atomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (ok) std::rename(tmp.c_str(), path.c_str());
}

UplinkConfig with_order_hooks(UplinkConfig config, std::function<void(const protocol::DispatchOrder&)> on_order,
                              std::function<void(const protocol::OrderCancel&)> on_cancel, bool crew_acknowledges,
                              std::function<void(const std::string&)> also_log) {
    config.on_order = std::move(on_order);
    config.on_order_cancel = std::move(on_cancel);
    if (crew_acknowledges) config.acknowledge_orders = false;
    if (also_log) config.log = [log = std::move(config.log), also_log = std::move(also_log)](const std::string& text) {
        log(text);
        also_log(text);
    };
    return config;
}

}  // namespace

Agent::Agent(zmq::context_t& context, AgentConfig config, const link::Clock& clock)
    : config_(std::move(config)),
      clock_(clock),
      outbox_(config_.outbox),
      uplink_(context,
              with_order_hooks(
                  config_.uplink, [this](const protocol::DispatchOrder& order) { show_order(order); },
                  [this](const protocol::OrderCancel& cancel) { show_order_cancel(cancel); }, config_.display != nullptr,
                  config_.display ? std::function<void(const std::string&)>([this](const std::string& text) {
                      message_ = text;
                      redraw_ = true;
                  })
                                  : nullptr),
              outbox_, clock_) {
    for (const auto& note : outbox_.notes()) config_.uplink.log(note);
    if (config_.crew_fd >= 0) ::fcntl(config_.crew_fd, F_SETFL, ::fcntl(config_.crew_fd, F_GETFL) | O_NONBLOCK);
}

void Agent::show_order(const protocol::DispatchOrder& order) {
    orders_.push_back(order);
    if (config_.display) {
        message_ = "NEW ORDER " + order.order_id + ": press [A] to acknowledge";
        redraw_ = true;
    } else {
        acknowledged_.insert(order.order_id);  // the uplink acknowledged it on arrival
    }
    config_.print(format_order(order));
    if (config_.on_order) config_.on_order(order);
}

void Agent::show_order_cancel(const protocol::OrderCancel& cancel) {
    std::erase_if(orders_, [&](const protocol::DispatchOrder& o) { return o.order_id == cancel.order_id; });
    const std::string text = format_order_cancel(cancel);
    if (config_.display) {
        message_ = text.substr(0, text.size() - 1);
        redraw_ = true;
    }
    config_.print(text);
    if (config_.on_order_cancel) config_.on_order_cancel(cancel);
}

const protocol::DispatchOrder* Agent::current_order() const {
    for (auto it = orders_.rbegin(); it != orders_.rend(); ++it)
        if (!finished_.count(it->order_id)) return &*it;
    return nullptr;
}

void Agent::submit_status(protocol::CrewStatus status, const std::string& order_id) {
    uplink_.submit(protocol::CrewStatusChange{clock_.unix_ms(), status, order_id});
    crew_status_ = status;
    if (order_id.empty()) return;
    using protocol::CrewStatus;
    // The center takes any job status as acknowledgement (dispatch/incident_book); so does the screen.
    if (status == CrewStatus::available || status == CrewStatus::out_of_service) finished_.insert(order_id);
    else acknowledged_.insert(order_id);
}

void Agent::note_vitals(const protocol::Vitals& vitals) {
    for (std::size_t i = 0; i < vitals.values.size(); ++i)
        if (vitals.values[i]) vitals_[i] = vitals.values[i];
    vitals_time_ = vitals.time;
}

bool Agent::sources_done() const {
    if (config_.max_readings && readings_ >= *config_.max_readings) return true;
    return (!config_.gps || config_.gps->finished()) && (!config_.vitals || config_.vitals->finished()) &&
           (!config_.crew_status || config_.crew_status->finished());
}

void Agent::run(const std::function<bool()>& stop) {
    const auto start = clock_.steady_ms();
    std::vector<protocol::PositionFix> fixes;
    std::vector<protocol::Vitals> vitals;
    auto take = [&](auto& source, auto& buffer, Now now) {
        if (!source || source->finished() || sources_done()) return;
        buffer.clear();
        source->poll(now, buffer);
        for (auto& reading : buffer) {
            if (sources_done()) break;
            if constexpr (std::is_same_v<std::decay_t<decltype(reading)>, protocol::PositionFix>) last_fix_ = reading;
            else note_vitals(reading);
            uplink_.submit(std::move(reading));
            ++readings_;
        }
    };
    while (!stop() && !quit_) {
        const auto now_ms = clock_.steady_ms();
        if (config_.run_for_s && now_ms - start >= *config_.run_for_s * 1000) break;
        if (config_.exit_when_delivered && sources_done() && outbox_.pending().empty() && !outbox_.unannounced_gap()) break;

        std::int64_t due = std::min<std::int64_t>(uplink_.next_due_ms(), now_ms + 200);
        std::vector<zmq::pollitem_t> items{{uplink_.socket().handle(), 0, ZMQ_POLLIN, 0}};
        const auto watch = [&](auto& source) {
            if (!source || source->finished()) return;
            if (const auto d = source->next_due()) due = std::min(due, std::max(*d, now_ms));  // overdue = now
            if (source->wait_fd() >= 0) items.push_back({nullptr, source->wait_fd(), ZMQ_POLLIN, 0});
        };
        if (!sources_done()) {
            watch(config_.gps);
            watch(config_.vitals);
        }
        watch(config_.crew_status);  // not a reading: max_readings does not stop it
        if (config_.crew_fd >= 0 && !crew_closed_) items.push_back({nullptr, config_.crew_fd, ZMQ_POLLIN, 0});
        if (config_.display)
            for (const int fd : config_.display->wait_fds()) items.push_back({nullptr, fd, ZMQ_POLLIN, 0});
        if (uplink_.state() == LinkState::waiting_to_reconnect) items[0].events = 0;  // no socket
        const auto timeout = std::clamp<std::int64_t>(due - now_ms, 0, 200);
        if (items[0].events == 0) items.erase(items.begin());
        zmq::poll(items.data(), items.size(), std::chrono::milliseconds(timeout));

        uplink_.receive();
        const Now now{clock_.steady_ms(), clock_.unix_ms()};
        take(config_.gps, fixes, now);
        take(config_.vitals, vitals, now);
        read_crew_input();
        take_crew_statuses(now);
        read_display_keys();
        uplink_.tick();
        // The screen follows every change at once, and the clocks on it at least every 250 ms.
        if (config_.display && (redraw_ || now.steady_ms - last_draw_ms_ >= 250)) {
            config_.display->show(situation());
            redraw_ = false;
            last_draw_ms_ = now.steady_ms;
        }
        if (now.steady_ms - last_sync_ms_ >= 1000 && outbox_.last_seq() != synced_seq_) {
            // Every record reached the kernel before it was sent (kill -9 safe); this bounds
            // what a power cut can take to the last second.
            outbox_.sync();
            synced_seq_ = outbox_.last_seq();
            last_sync_ms_ = now.steady_ms;
        }
        if (!config_.status_file.empty() && now.steady_ms - last_status_write_ms_ >= 1000) {
            write_status_file();
            last_status_write_ms_ = now.steady_ms;
        }
    }
    outbox_.sync();
    if (!config_.status_file.empty()) write_status_file();
}

std::string Agent::input_summary() const {
    std::string text;
    const auto describe = [&](const char* name, const auto& source) {
        if (!source) return;
        const auto s = source->stats();
        if (!text.empty()) text += "; ";
        text += std::string(name) + " (" + source->describe() + "): " + std::to_string(s.readings) + " readings";
        if (s.lines) text += " from " + std::to_string(s.lines) + " lines";
        if (s.bad_checksum) text += ", " + std::to_string(s.bad_checksum) + " bad checksums";
        if (s.malformed) text += ", " + std::to_string(s.malformed) + " malformed lines skipped";
    };
    describe("gps", config_.gps);
    describe("vitals", config_.vitals);
    describe("crew", config_.crew_status);
    return text;
}

void Agent::read_crew_input() {
    if (config_.crew_fd < 0 || crew_closed_) return;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(config_.crew_fd, buffer, sizeof buffer);
        if (n == 0) crew_closed_ = true;
        if (n <= 0) break;
        crew_buffer_.append(buffer, static_cast<std::size_t>(n));
        if (crew_buffer_.size() > 64 * 1024) crew_buffer_.clear();  // no newline in 64 KiB: not a person typing
    }
    for (auto newline = crew_buffer_.find('\n'); newline != std::string::npos; newline = crew_buffer_.find('\n')) {
        const std::string line = crew_buffer_.substr(0, newline);
        crew_buffer_.erase(0, newline + 1);
        std::string error;
        if (const auto command = parse_crew_command(line, error)) {
            submit_status(command->status, command->order_id);
            config_.print("status: " + std::string(protocol::to_string(command->status)) + " (sent to the center)\n");
        } else if (!error.empty()) {
            config_.print("? " + error + "\n");
        }
    }
}

// Status changes are not readings: max_readings does not stop them, and they are never dropped.
void Agent::take_crew_statuses(Now now) {
    if (!config_.crew_status || config_.crew_status->finished()) return;
    statuses_.clear();
    config_.crew_status->poll(now, statuses_);
    for (auto& change : statuses_) {
        crew_status_ = change.status;
        config_.print("status: " + std::string(protocol::to_string(change.status)) + (change.order_id.empty() ? "" : " " + change.order_id) +
                      " (sent to the center)\n");
        uplink_.submit(std::move(change));
    }
}

void Agent::read_display_keys() {
    if (!config_.display) return;
    keys_.clear();
    config_.display->read_keys(keys_);
    for (const int key : keys_) handle_key(key);
}

void Agent::handle_key(int key) {
    redraw_ = true;
    const protocol::DispatchOrder* order = current_order();
    CrewKeyContext context;
    if (order) {
        context.order_id = order->order_id;
        context.acknowledged = acknowledged_.count(order->order_id) > 0;
    }
    context.status = crew_status_;
    context.quit_asked = quit_asked_;
    const CrewKeyOutcome outcome = interpret_crew_key(key, context);
    quit_asked_ = outcome.action == CrewKeyOutcome::Action::ask_quit;
    message_ = outcome.message;
    switch (outcome.action) {
        case CrewKeyOutcome::Action::none:
        case CrewKeyOutcome::Action::ask_quit:
            break;
        case CrewKeyOutcome::Action::quit:
            quit_ = true;
            break;
        case CrewKeyOutcome::Action::acknowledge:
            uplink_.submit(protocol::OrderAck{order->order_id, clock_.unix_ms()});
            acknowledged_.insert(order->order_id);
            message_ = "order " + order->order_id + " acknowledged (sent to the center)";
            break;
        case CrewKeyOutcome::Action::send_status: {
            const std::string order_id = order ? order->order_id : std::string();
            submit_status(outcome.status, order_id);
            message_ = "status " + std::string(protocol::to_string(outcome.status)) + (order_id.empty() ? "" : " for " + order_id) +
                       " (sent to the center)";
            break;
        }
    }
}

CrewSituation Agent::situation() const {
    CrewSituation s;
    s.vehicle = config_.uplink.vehicle.value;
    s.now = clock_.unix_ms();
    if (const protocol::DispatchOrder* order = current_order()) {
        s.order = *order;
        s.acknowledged = acknowledged_.count(order->order_id) > 0;
        for (const auto& o : orders_) s.other_orders += !finished_.count(o.order_id);
        --s.other_orders;
    }
    s.status = crew_status_;
    s.fix = last_fix_;
    s.vitals = vitals_;
    s.vitals_time = vitals_time_;
    s.link = std::string(to_string(uplink_.state()));
    if (const auto ack = uplink_.last_ack_steady_ms()) s.last_ack_age_ms = clock_.steady_ms() - *ack;
    s.outbox_pending = outbox_.pending().size();
    s.message = message_;
    s.quit_asked = quit_asked_;
    return s;
}

void Agent::write_status_file() {
    nlohmann::json j{{"vehicle", config_.uplink.vehicle.value},
                     {"link", std::string(to_string(uplink_.state()))},
                     {"updated_ms", clock_.unix_ms()},
                     {"outbox", {{"pending", outbox_.pending().size()},
                                 {"bytes", outbox_.pending_bytes()},
                                 {"dropped_fixes", outbox_.dropped().fixes},
                                 {"dropped_vitals", outbox_.dropped().vitals}}},
                     {"readings", readings_}};
    j["status"] = crew_status_ ? nlohmann::json(std::string(protocol::to_string(*crew_status_))) : nlohmann::json(nullptr);
    if (last_fix_) j["position"] = {{"lat", last_fix_->lat}, {"lon", last_fix_->lon}, {"time_ms", last_fix_->gnss_time}};
    nlohmann::json orders = nlohmann::json::array();
    for (const auto& o : orders_)
        orders.push_back({{"id", o.order_id}, {"incident", o.incident_id}, {"lat", o.lat}, {"lon", o.lon}, {"address", o.address},
                          {"priority", o.priority}, {"note", o.note}});
    j["orders"] = orders;
    write_atomically(config_.status_file, j.dump(2) + "\n");
}

}  // namespace ems120::agent
