DELETE FROM chart_lines;
