//! Go's `text/tabwriter` as `kubectl describe` configures it (minimum width 0, padding 2,
//! spaces): cells end at tabs, and a column is aligned only over a block of consecutive
//! lines that all have a cell in it, so a line without tabs starts new alignment. Describe
//! output depends on exactly these block rules.

/// Align `text` (cells separated by `\t`, lines by `\n`).
pub fn align(text: &str, min_width: usize, padding: usize) -> String {
    let trailing_newline = text.ends_with('\n');
    let body = if trailing_newline { &text[..text.len() - 1] } else { text };
    let lines: Vec<Vec<&str>> =
        if text.is_empty() { Vec::new() } else { body.split('\n').map(|l| l.split('\t').collect()).collect() };
    let mut w = Writer {
        lines: &lines,
        out: String::with_capacity(text.len() + text.len() / 4),
        widths: Vec::new(),
        min_width,
        padding,
    };
    w.format(0, lines.len());
    if !trailing_newline && w.out.ends_with('\n') {
        w.out.pop();
    }
    w.out
}

struct Writer<'a> {
    lines: &'a [Vec<&'a str>],
    out: String,
    widths: Vec<usize>,
    min_width: usize,
    padding: usize,
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

impl Writer<'_> {
    /// tabwriter's `format`: find the next block that has a cell in the current column,
    /// size the column over that block, and recurse into the columns to its right.
    fn format(&mut self, line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut line0 = line0;
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(line0, this);
            line0 = this;
            let mut w = self.min_width;
            while this < line1 && column + 1 < self.lines[this].len() {
                w = w.max(width(self.lines[this][column]) + self.padding);
                this += 1;
            }
            self.widths.push(w);
            self.format(line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(line0, line1);
    }

    fn write_lines(&mut self, line0: usize, line1: usize) {
        for line in &self.lines[line0..line1] {
            for (j, cell) in line.iter().enumerate() {
                self.out.push_str(cell);
                if j < self.widths.len() {
                    for _ in width(cell)..self.widths[j] {
                        self.out.push(' ');
                    }
                }
            }
            self.out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_pads_columns_within_a_block() {
        assert_eq!(align("Name:\tx\nNamespace:\tdefault\n", 0, 2), "Name:       x\nNamespace:  default\n");
    }

    #[test]
    fn align_restarts_after_a_line_without_tabs() {
        let text = "Name:\tx\n\nType:\tOpaque\n";
        assert_eq!(align(text, 0, 2), "Name:  x\n\nType:  Opaque\n");
    }

    #[test]
    fn align_keeps_trailing_spaces_of_last_cells() {
        let text = "  Type\tStatus\n  PodScheduled \tFalse \nVolumes:\t<none>\n";
        assert_eq!(align(text, 0, 2), "  Type           Status\n  PodScheduled   False \nVolumes:         <none>\n");
    }

    #[test]
    fn align_nests_columns_to_the_right() {
        let text = "a\tb\tc\nlonger\tb\tc\nx\ty\n";
        assert_eq!(align(text, 0, 2), "a       b  c\nlonger  b  c\nx       y\n");
    }
}
