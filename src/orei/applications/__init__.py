"""The reader's job applications: a model, a file format and an agenda, in pure Python.

- `model`: applications and their interviews, as typed values;
- `reading`: plain JSON values in, the model out, or one `InputError` whose field is the
  JSON path of the first problem (`applications[3].interviews[0].ended`);
- `migrations`: older versions of the file brought up to the current one;
- `file_format`: the `orei-applications` file, its limits, read from text or bytes and
  written back;
- `agenda`: each application's next step on a given day, from `orei.plan`;
- `handoff`: the e-mail the generator should open for a step;
- `changes`: "Mark as sent", and the calculator's plan saved as an interview;
- `exports`: CSV for spreadsheets and one `.ics` of every upcoming step.

Nothing here reads the clock: `today` is always passed in.
"""
