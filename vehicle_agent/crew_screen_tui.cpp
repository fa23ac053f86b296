#include "vehicle_agent/crew_screen_tui.hpp"

#include <curses.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <clocale>

#include "maps/input_error.hpp"
#include "vehicle_agent/crew_screen_layout.hpp"

namespace ems120::agent {

namespace {

class TerminalCrewScreen final : public CrewDisplay {
public:
    TerminalCrewScreen() {
        if (!::isatty(STDIN_FILENO) || !::isatty(STDOUT_FILENO))
            throw InputError("--screen tui needs a terminal on standard input and output (use --screen text otherwise)");
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGWINCH);
        pthread_sigmask(SIG_BLOCK, &set, nullptr);
        resize_fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
        std::setlocale(LC_ALL, "");  // UTF-8 addresses
        if (!initscr()) throw InputError("cannot start the terminal screen (is TERM set?)");
        cbreak();
        noecho();
        nodelay(stdscr, TRUE);
        keypad(stdscr, TRUE);
        set_escdelay(25);
        curs_set(0);
        if (has_colors()) {
            start_color();
            use_default_colors();
            init_pair(1, COLOR_WHITE, COLOR_BLUE);    // title
            init_pair(2, COLOR_WHITE, COLOR_RED);     // link down, critical
            init_pair(3, COLOR_BLACK, COLOR_YELLOW);  // emergency
            init_pair(4, COLOR_BLACK, COLOR_CYAN);    // urgent
            init_pair(5, COLOR_GREEN, -1);            // good
            init_pair(6, COLOR_YELLOW, -1);           // warning
            init_pair(7, COLOR_CYAN, -1);             // message
        }
    }
    ~TerminalCrewScreen() override {
        endwin();
        if (resize_fd_ >= 0) ::close(resize_fd_);
    }
    TerminalCrewScreen(const TerminalCrewScreen&) = delete;
    TerminalCrewScreen& operator=(const TerminalCrewScreen&) = delete;

    std::vector<int> wait_fds() const override {
        std::vector<int> fds{STDIN_FILENO};
        if (resize_fd_ >= 0) fds.push_back(resize_fd_);
        return fds;
    }

    void read_keys(std::vector<int>& keys) override {
        follow_resize();
        for (int key = getch(); key != ERR; key = getch())
            if (key != KEY_RESIZE) keys.push_back(key);
    }

    void show(const CrewSituation& situation) override {
        const auto rows = lay_out_crew_screen(situation, LINES, COLS);
        erase();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const int y = static_cast<int>(i);
            const attr_t attributes = attributes_of(rows[i].tone);
            attrset(attributes);
            // Coloured backgrounds span the row, so the tone reads at a glance.
            if (rows[i].tone == Tone::title || rows[i].tone == Tone::link_down || rows[i].tone == Tone::critical ||
                rows[i].tone == Tone::emergency || rows[i].tone == Tone::urgent)
                mvhline(y, 0, ' ', COLS);
            mvaddnstr(y, 0, rows[i].text.c_str(), COLS);
        }
        attrset(A_NORMAL);
        refresh();
    }

private:
    static attr_t attributes_of(Tone tone) {
        const bool colour = has_colors();
        switch (tone) {
            case Tone::plain: return A_NORMAL;
            case Tone::title: return colour ? COLOR_PAIR(1) | A_BOLD : A_REVERSE;
            case Tone::link_down: return colour ? COLOR_PAIR(2) | A_BOLD : A_REVERSE | A_BLINK;
            case Tone::critical: return colour ? COLOR_PAIR(2) | A_BOLD : A_REVERSE | A_BOLD;
            case Tone::emergency: return colour ? COLOR_PAIR(3) | A_BOLD : A_REVERSE;
            case Tone::urgent: return colour ? COLOR_PAIR(4) : A_REVERSE;
            case Tone::good: return colour ? COLOR_PAIR(5) | A_BOLD : A_BOLD;
            case Tone::warning: return colour ? COLOR_PAIR(6) | A_BOLD : A_BOLD | A_UNDERLINE;
            case Tone::button: return A_BOLD;
            case Tone::message: return colour ? COLOR_PAIR(7) | A_BOLD : A_BOLD;
        }
        return A_NORMAL;
    }

    void follow_resize() {
        signalfd_siginfo info;
        bool resized = false;
        while (resize_fd_ >= 0 && ::read(resize_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) resized = true;
        if (!resized) return;
        winsize size{};
        if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0 && size.ws_col > 0) {
            resizeterm(size.ws_row, size.ws_col);
            clear();
        }
    }

    int resize_fd_ = -1;
};

}  // namespace

std::unique_ptr<CrewDisplay> open_terminal_crew_screen() { return std::make_unique<TerminalCrewScreen>(); }

}  // namespace ems120::agent
