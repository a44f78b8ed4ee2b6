// rolelab-cli lessons: validate lesson files (or every *.json in a folder)
// and list them, so lesson authors see errors with line and column.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "json/diagnostic.h"
#include "io.h"
#include "course/lesson.h"

namespace rolelab::cli {

int cmd_lessons(const Args& args) {
  if (args.empty()) return usage_error("lessons needs at least one FILE or DIR", "usage: rolelab-cli lessons FILE|DIR...");
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (!a.empty() && a[0] == '-' && a != "-") return usage_error("unknown option '" + a + "' for lessons");
    std::error_code ec;
    if (std::filesystem::is_directory(a, ec)) {
      std::vector<std::string> found;
      for (const auto& e : std::filesystem::directory_iterator(a, ec)) {
        if (e.path().extension() == ".json") found.push_back(e.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(a);
    }
  }
  int bad = 0;
  for (const std::string& f : files) {
    std::string err;
    auto text = read_input(f, err);
    if (!text) {
      std::fprintf(stderr, "%s: %s\n", f.c_str(), err.c_str());
      ++bad;
      continue;
    }
    LessonParse p = parse_lesson(*text);
    if (!p.ok) {
      std::fprintf(stderr, "%s: %s\n", f.c_str(), to_string(p.error).c_str());
      ++bad;
      continue;
    }
    std::printf("%s\t%s\t%zu principals, %zu steps\n", p.lesson.id.c_str(), p.lesson.title.c_str(), p.lesson.principals.size(),
                p.lesson.steps.size());
  }
  std::printf("%zu lesson files, %d invalid\n", files.size(), bad);
  return bad == 0 ? 0 : 1;
}

}  // namespace rolelab::cli
