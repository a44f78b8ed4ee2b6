// rolelab-cli lessons: validate lesson files, list the course, prove each
// lesson solvable (verify), and walk one in the terminal (play).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "analyzer/analyzer.h"
#include "commands.h"
#include "course/lesson.h"
#include "course/lesson_run.h"
#include "course/markdown.h"
#include "course/verify.h"
#include "data_dir.h"
#include "io.h"
#include "json/diagnostic.h"
#include "world/world.h"

namespace fs = std::filesystem;

namespace rolelab::cli {

namespace {

const char* kLessonsUsage =
    "usage: rolelab-cli lessons list [--json] [DIR]\n"
    "       rolelab-cli lessons verify [FILE|DIR|ID...]     (default: lessons/)\n"
    "       rolelab-cli lessons play ID|FILE [--solve]\n"
    "       rolelab-cli lessons FILE|DIR...                 (validate only)";

struct Loaded {
  std::string file;
  course::Lesson lesson;
};

// The default course folder: ./lessons, else the installed course
// (<prefix>/share/rolelab) or the source tree's (paths/data_dir.h).
std::string default_dir() {
  std::error_code ec;
  if (fs::is_directory("lessons", ec)) return "lessons";
  return paths::data_dir().dir + "/lessons";
}

std::vector<std::string> json_files(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") found.push_back(e.path().string());
  std::sort(found.begin(), found.end());
  return found;
}

// World files named by a lesson are looked up in worlds/ beside its lessons folder, then ./worlds.
course::WorldResolver resolver_for(const std::string& file) {
  fs::path dir = fs::path(file).parent_path();
  return [dir](const std::string& name) -> std::optional<std::string> {
    if (name.find("..") != std::string::npos || name.find('/') != std::string::npos) return std::nullopt;
    for (const fs::path& p : {dir / ".." / "worlds" / name, fs::path("worlds") / name}) {
      std::string err;
      std::error_code ec;
      if (fs::is_regular_file(p, ec))
        if (auto t = read_input(p.string(), err)) return t;
    }
    return std::nullopt;
  };
}

// Loads files; prints each error as FILE:LINE:COLUMN: CODE: MESSAGE (PATH). Returns the number of failures.
int load(const std::vector<std::string>& files, std::vector<Loaded>& out) {
  int bad = 0;
  for (const std::string& f : files) {
    std::string err;
    auto text = read_input(f, err);
    if (!text) {
      std::fprintf(stderr, "%s: %s\n", f.c_str(), err.c_str());
      ++bad;
      continue;
    }
    course::LessonParse p = course::parse_lesson(*text, resolver_for(f));
    if (!p.ok) {
      std::fprintf(stderr, "%s:%d:%d: %s: %s (%s)\n", f.c_str(), p.error.line, p.error.column, p.error.code.c_str(),
                   p.error.message.c_str(), p.error.path.empty() ? "/" : p.error.path.c_str());
      ++bad;
      continue;
    }
    out.push_back({f, std::move(p.lesson)});
  }
  return bad;
}

// FILE, DIR or lesson id -> files.
bool expand(const std::vector<std::string>& args, std::vector<std::string>& files) {
  std::vector<Loaded> course;
  bool course_loaded = false;
  for (const std::string& a : args) {
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      auto found = json_files(a);
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(a, ec) || a == "-" || a.find('/') != std::string::npos || (a.size() > 5 && a.substr(a.size() - 5) == ".json")) {
      files.push_back(a);
    } else {
      if (!course_loaded) {
        load(json_files(default_dir()), course);
        course_loaded = true;
      }
      auto it = std::find_if(course.begin(), course.end(), [&](const Loaded& l) { return l.lesson.id == a; });
      if (it == course.end()) {
        std::fprintf(stderr, "rolelab-cli: error: no lesson file or lesson id '%s' (lessons are read from %s/)\n", a.c_str(),
                     default_dir().c_str());
        return false;
      }
      files.push_back(it->file);
    }
  }
  return true;
}

int validate(const Args& args) {
  std::vector<std::string> files;
  for (const std::string& a : args)
    if (!a.empty() && a[0] == '-' && a != "-") return usage_error("unknown option '" + a + "' for lessons", kLessonsUsage);
  if (!expand(args, files)) return 2;
  std::vector<Loaded> lessons;
  int bad = load(files, lessons);
  for (const Loaded& l : lessons)
    std::printf("%s\t%s\t%zu steps, %d min\n", l.lesson.id.c_str(), l.lesson.title.c_str(), l.lesson.steps.size(), l.lesson.minutes);
  std::printf("%zu lesson files, %d invalid\n", files.size(), bad);
  return bad == 0 ? 0 : 1;
}

int list(const Args& args) {
  bool as_json = false;
  std::string dir = default_dir();
  for (const std::string& a : args) {
    if (a == "--json") as_json = true;
    else if (!a.empty() && a[0] == '-') return usage_error("unknown option '" + a + "' for lessons list", kLessonsUsage);
    else dir = a;
  }
  std::vector<Loaded> lessons;
  int bad = load(json_files(dir), lessons);
  if (as_json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Loaded& l : lessons) {
      out.push_back({{"id", l.lesson.id}, {"track", l.lesson.track}, {"title", l.lesson.title}, {"minutes", l.lesson.minutes},
                     {"steps", l.lesson.steps.size()}, {"file", fs::path(l.file).filename().string()}});
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::string track;
    int minutes = 0;
    std::size_t steps = 0;
    for (const Loaded& l : lessons) {
      if (l.lesson.track != track) std::printf("%s%s\n", track.empty() ? "" : "\n", (track = l.lesson.track).c_str());
      std::printf("  %-28s %-58s %2d min  %zu steps\n", l.lesson.id.c_str(), l.lesson.title.c_str(), l.lesson.minutes, l.lesson.steps.size());
      minutes += l.lesson.minutes;
      steps += l.lesson.steps.size();
    }
    std::printf("\n%zu lessons, %zu steps, %d minutes\n", lessons.size(), steps, minutes);
  }
  return bad == 0 ? 0 : 1;
}

// The policies a lesson ships in its world (users', roles' and customer managed
// policies, trust policies, bucket policies, SCPs; not AWS managed policies,
// which are AWS's own), through the policy checks: ERROR and SECURITY_WARNING
// findings the lesson does not declare in "expectedFindings" come back as lines
// to print. They do not fail verify: a lesson may teach a trap on purpose, but
// it should say so, and an accidental typo in a shipped policy should be seen.
std::vector<std::string> shipped_policy_warnings(const course::Lesson& lesson) {
  using analyzer::PolicyType;
  using analyzer::ResourceType;
  WorldLoad w = load_world(lesson.world_text);
  if (!w.ok) return {};
  std::vector<analyzer::ShippedPolicy> ps;
  auto identity = [&](std::string where, const NamedPolicy& p) {
    ps.push_back({std::move(where), p.text, PolicyType::Identity, std::nullopt});
  };
  for (const auto& [id, acct] : w.world.accounts) {
    for (const auto& [name, u] : acct.users) {
      for (const NamedPolicy& p : u.policies) identity("world user " + name + " policy " + p.name, p);
      if (u.boundary) identity("world user " + name + " permissions boundary", *u.boundary);
    }
    for (const auto& [name, r] : acct.roles) {
      if (!r.service_linked.empty()) continue;  // AWS writes these, not the lesson
      ps.push_back({"world role " + name + " trust policy", r.trust.text, PolicyType::Resource,
                    ResourceType::AssumeRolePolicyDocument});
      for (const NamedPolicy& p : r.policies) identity("world role " + name + " policy " + p.name, p);
      if (r.boundary) identity("world role " + name + " permissions boundary", *r.boundary);
    }
    for (const auto& [name, m] : acct.managed)
      if (!m.aws_managed) identity("world managed policy " + name, m.doc);
    for (const auto& [name, b] : acct.buckets)
      if (b.policy) ps.push_back({"world bucket " + name + " policy", b.policy->text, PolicyType::Resource, ResourceType::S3Bucket});
  }
  for (const auto& [account, levels] : w.world.scp_texts)
    for (std::size_t level = 0; level < levels.size(); ++level)
      for (std::size_t i = 0; i < levels[level].size(); ++i)
        ps.push_back({"world SCP " + std::to_string(i + 1) + " at level " + std::to_string(level + 1) + " of account " + account,
                      levels[level][i], PolicyType::ServiceControl, std::nullopt});
  return analyzer::shipped_policy_warnings(ps, lesson.expected_findings);
}

int verify(const Args& args) {
  std::vector<std::string> inputs;
  for (const std::string& a : args) {
    if (a == "--help") return std::puts(kLessonsUsage), 0;
    if (!a.empty() && a[0] == '-' && a != "-") return usage_error("unknown option '" + a + "' for lessons verify", kLessonsUsage);
    inputs.push_back(a);
  }
  if (inputs.empty()) inputs.push_back(default_dir());
  std::vector<std::string> files;
  if (!expand(inputs, files)) return 2;
  std::vector<Loaded> lessons;
  int bad = load(files, lessons);
  // Prerequisites name lessons of the course being verified (or of the default course).
  std::vector<std::string> ids;
  for (const Loaded& l : lessons) ids.push_back(l.lesson.id);
  std::vector<Loaded> course;
  load(json_files(default_dir()), course);
  for (const Loaded& l : course) ids.push_back(l.lesson.id);
  std::map<std::string, int> seen;
  for (const Loaded& l : lessons) {
    if (++seen[l.lesson.id] == 2) {
      std::printf("%s: FAILED\n  two lesson files have the id '%s'\n", l.file.c_str(), l.lesson.id.c_str());
      ++bad;
    }
  }
  std::size_t steps = 0;
  for (const Loaded& l : lessons) {
    course::LessonProof p = course::verify_lesson(l.lesson, ids);
    steps += l.lesson.steps.size();
    std::vector<std::string> warnings = shipped_policy_warnings(l.lesson);
    if (p.ok) {
      std::printf("%s (%s): proven, %zu steps\n", l.lesson.id.c_str(), fs::path(l.file).filename().string().c_str(), l.lesson.steps.size());
      for (const std::string& w : warnings) std::printf("  warning: %s\n", w.c_str());
      continue;
    }
    ++bad;
    std::printf("%s (%s): FAILED\n", l.lesson.id.c_str(), l.file.c_str());
    for (const std::string& w : warnings) std::printf("  warning: %s\n", w.c_str());
    for (const std::string& s : p.problems) std::printf("  %s\n", s.c_str());
    for (const course::StepProof& sp : p.steps)
      for (const std::string& s : sp.problems)
        std::printf("  step %zu (%s): %s\n", sp.step + 1, l.lesson.steps[sp.step].title.c_str(), s.c_str());
  }
  std::printf("%zu lessons, %zu steps: %zu proven, %d failed\n", files.size(), steps, files.size() - static_cast<std::size_t>(bad), bad);
  return bad == 0 ? 0 : 1;
}

// ---- play ----

void print_md(const std::string& text, const char* indent = "  ") {
  std::string plain = course::md::to_plain(course::md::parse(text), 76);
  std::size_t start = 0;
  while (start < plain.size()) {
    std::size_t nl = plain.find('\n', start);
    std::string line = plain.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    std::printf("%s%s\n", line.empty() ? "" : indent, line.c_str());
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

void print_checks(course::LessonRun& run) {
  for (const course::CheckResult& c : run.checks())
    std::printf("    [%s] %s%s\n", c.passed ? "x" : " ", c.label.c_str(), c.passed || c.detail.empty() ? "" : ("  (" + c.detail + ")").c_str());
}

std::string describe(const course::Action& a) {
  using K = course::Action::Kind;
  switch (a.kind) {
    case K::Edit: return "edit " + a.target + ":\n" + a.text;
    case K::Console: return "console> " + a.text;
    case K::AdvanceClock: return "advance the clock by " + std::to_string(a.number) + " s";
    case K::Answer: return "answer " + a.text + ": choice " + std::to_string(a.number + 1);
    case K::Attempt: return "attempt: " + course::to_json_text(a);
    case K::GotoStep: return "go to step " + std::to_string(a.number + 1);
  }
  return "";
}

// Console output as the console printed it (JSON keeps its lines); other results as text.
void print_result(const course::Action& a, std::string msg) {
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  if (msg.empty()) msg = "(no output)";
  if (a.kind != course::Action::Kind::Console) return print_md(msg, "    ");
  std::size_t start = 0;
  while (start <= msg.size()) {
    std::size_t nl = msg.find('\n', start);
    std::printf("    %s\n", msg.substr(start, nl == std::string::npos ? std::string::npos : nl - start).c_str());
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

void print_step(course::LessonRun& run, std::size_t n) {
  const course::Step& s = run.lesson().steps[n];
  std::printf("\n== Step %zu of %zu: %s\n\n", n + 1, run.lesson().steps.size(), s.title.c_str());
  print_md(s.text);
  if (!s.focus.empty()) std::printf("\n  (look at: %s)\n", s.focus.c_str());
  for (const course::Question& q : s.questions) {
    std::printf("\n  Question %s: %s\n", q.id.c_str(), q.prompt.c_str());
    for (std::size_t k = 0; k < q.choices.size(); ++k) std::printf("    %zu. %s\n", k + 1, q.choices[k].c_str());
  }
  std::printf("\n  To do:\n");
  print_checks(run);
}

int play(const Args& args) {
  bool solve = false;
  std::vector<std::string> ids;
  for (const std::string& a : args) {
    if (a == "--solve") solve = true;
    else if (!a.empty() && a[0] == '-') return usage_error("unknown option '" + a + "' for lessons play", kLessonsUsage);
    else ids.push_back(a);
  }
  if (ids.size() != 1) return usage_error("lessons play needs one lesson id or file", kLessonsUsage);
  std::vector<std::string> files;
  if (!expand(ids, files)) return 2;
  std::vector<Loaded> lessons;
  if (load(files, lessons) != 0 || lessons.empty()) return 1;
  const course::Lesson& l = lessons.front().lesson;
  course::LessonRun run(l);
  std::printf("%s\n%s  (%s, %d min, %zu steps)\n\n", l.title.c_str(), std::string(l.title.size(), '=').c_str(), l.track.c_str(), l.minutes,
              l.steps.size());
  print_md(l.summary, "");
  if (!l.references.empty()) {
    std::printf("\nAWS documentation this lesson relies on:\n");
    for (const std::string& r : l.references) std::printf("  %s\n", r.c_str());
  }
  if (solve) {
    for (std::size_t n = 0; n < l.steps.size(); ++n) {
      run.goto_step(n);
      print_step(run, n);
      std::printf("\n  Solution:\n");
      for (const course::Action& a : l.steps[n].solution) {
        std::printf("\n  > %s\n", describe(a).c_str());
        course::ActionResult r = run.apply(a);
        print_result(a, r.message);
      }
      std::printf("\n  Checks after the solution:\n");
      print_checks(run);
      std::printf("  %s\n", run.step_done(n) ? "Step done." : "STEP NOT DONE");
    }
    std::printf("\n%s: %zu of %zu steps done.\n", l.id.c_str(), run.steps_done(), l.steps.size());
    return run.lesson_done() ? 0 : 1;
  }
  // Interactive: console lines go to the lesson's console; ':' commands drive the lesson.
  std::printf("\nType console commands (aws ..., as, use, clock advance 1h, help) or :hint, :solution, :next, :back, :checks,\n"
              ":policy TARGET, :edit TARGET FILE, :attempt JSON, :answer QUESTION N, :quit.\n");
  std::size_t hints = 0;
  print_step(run, 0);
  std::string line;
  while (std::printf("%s", ("\n" + run.console().prompt()).c_str()), std::fflush(stdout), std::getline(std::cin, line)) {
    const std::size_t n = run.step();
    const bool was_done = run.step_done(n);
    if (line == ":quit" || line == ":q") break;
    if (line == ":next" || line == ":back") {
      std::size_t to = line == ":next" ? n + 1 : (n == 0 ? 0 : n - 1);
      if (!run.goto_step(to)) {
        std::printf("%s\n", run.lesson_done() ? "That was the last step: lesson done." : "That was the last step.");
        continue;
      }
      hints = 0;
      print_step(run, run.step());
      continue;
    }
    if (line == ":hint") {
      const auto& h = l.steps[n].hints;
      if (hints < h.size()) {
        print_md("Hint " + std::to_string(hints + 1) + ": " + h[hints]);
        ++hints;
      } else std::printf("  No more hints: :solution applies the reference solution.\n");
      continue;
    }
    if (line == ":solution") {
      for (const course::Action& a : l.steps[n].solution) {
        std::printf("  > %s\n", describe(a).c_str());
        print_result(a, run.apply(a).message);
      }
    } else if (line == ":checks") {
      print_checks(run);
      continue;
    } else if (line.rfind(":policy ", 0) == 0) {
      const course::PolicyDraft* d = run.draft(line.substr(8));
      std::printf("%s\n", d ? (d->title + ":\n" + d->saved).c_str() : "  Not an editable policy of this lesson.");
      continue;
    } else if (line.rfind(":edit ", 0) == 0) {
      std::string rest = line.substr(6);
      auto sp = rest.find(' ');
      std::string err;
      auto text = sp == std::string::npos ? std::nullopt : read_input(rest.substr(sp + 1), err);
      if (!text) {
        std::printf("  usage: :edit TARGET FILE%s\n", err.empty() ? "" : (" (" + err + ")").c_str());
        continue;
      }
      std::printf("  %s\n", run.edit(rest.substr(0, sp), *text).message.c_str());
    } else if (line.rfind(":attempt ", 0) == 0 || line.rfind(":answer ", 0) == 0) {
      std::string j = line.rfind(":attempt ", 0) == 0 ? "{\"attempt\": " + line.substr(9) + "}" : "";
      if (j.empty()) {
        std::string rest = line.substr(8);
        auto sp = rest.find(' ');
        j = "{\"answer\": \"" + rest.substr(0, sp) + "\", \"choice\": " +
            std::to_string(sp == std::string::npos ? 0 : std::atoi(rest.c_str() + sp + 1) - 1) + "}";
      }
      json::ParseResult p = json::parse(j);
      course::Action a;
      Diagnostic d;
      if (!p.ok || !course::parse_action(l, run.sim().world, p.value, a, d)) {
        std::printf("  %s\n", p.ok ? d.message.c_str() : to_string(p.error).c_str());
        continue;
      }
      std::printf("  %s\n", run.apply(a).message.c_str());
    } else if (!line.empty() && line[0] == ':') {
      std::printf("  Unknown command %s.\n", line.c_str());
      continue;
    } else {
      std::printf("%s", run.console_line(line).message.c_str());
    }
    print_checks(run);
    if (!was_done && run.step_done(n)) std::printf("\n  Step %zu done. :next for the next step.\n", n + 1);
  }
  return run.lesson_done() ? 0 : 1;
}

}  // namespace

int cmd_lessons(const Args& args) {
  if (wants_help(args) || (!args.empty() && args.front() == "help")) return print_usage(kLessonsUsage);  // also `lessons play -h`
  if (args.empty()) return usage_error("lessons needs a subcommand or files", kLessonsUsage);
  const std::string& sub = args.front();
  Args rest(args.begin() + 1, args.end());
  if (sub == "list") return list(rest);
  if (sub == "verify") return verify(rest);
  if (sub == "play") return play(rest);
  return validate(args);
}

}  // namespace rolelab::cli
