#pragma once
// A server binary run as a real child process for a test: output to a log file the test can
// wait on and print, signals, exit status. The child dies with the test process
// (PR_SET_PDEATHSIG), and the destructor kills what is still running.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace rmq::test {

class ChildProcess {
  public:
    ChildProcess(const std::filesystem::path& exe, const std::vector<std::string>& args,
                 std::filesystem::path log_file)
        : log_file_(std::move(log_file)) {
        std::vector<std::string> argv_text{exe.string()};
        argv_text.insert(argv_text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_text)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const int log_fd =
            ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (log_fd < 0) throw std::runtime_error("cannot create " + log_file_.string());
        pid_ = ::fork();
        if (pid_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            ::dup2(log_fd, STDOUT_FILENO);
            ::dup2(log_fd, STDERR_FILENO);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(log_fd);
        if (pid_ < 0) throw std::runtime_error("fork failed");
    }
    ~ChildProcess() {
        if (running()) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    bool running() { return !status_ && !reap(false); }
    void signal(int sig) { ::kill(pid_, sig); }

    std::string log() const {
        std::ifstream in(log_file_);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    /// Waits until the log contains `text`; false on timeout or if the process exited first.
    bool wait_for_log(const std::string& text, std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            if (log().find(text) != std::string::npos) return true;
            if (!running()) return log().find(text) != std::string::npos;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }
    /// The exit code (128 + signal when killed), or nothing if still running at the timeout.
    std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!status_ && std::chrono::steady_clock::now() < deadline) {
            if (reap(false)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return status_;
    }

  private:
    bool reap(bool block) {
        int status = 0;
        if (::waitpid(pid_, &status, block ? 0 : WNOHANG) != pid_) return false;
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return true;
    }

    std::filesystem::path log_file_;
    pid_t pid_ = -1;
    std::optional<int> status_;
};

}  // namespace rmq::test
