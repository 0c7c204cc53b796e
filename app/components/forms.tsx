import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

type Errors = string[] | undefined;

export function FieldErrors({ id, errors }: { id: string; errors: Errors }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function FormErrors({ id, errors }: { id: string; errors: Errors }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="alert alert-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

type Field = FieldMetadata<string | undefined>;

function FieldShell({ field, label, hint, children }: { field: Field; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${field.id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextField({
  field, label, hint, type = "text", autoComplete, list, onInput,
}: {
  field: Field; label: string; hint?: string; type?: "text" | "email" | "password" | "url"; autoComplete?: string;
  /** A <datalist> id for suggestions (the field works without them). */
  list?: string; onInput?: (value: string) => void;
}) {
  const props = getInputProps(field, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <input {...props} key={props.key} autoComplete={autoComplete} list={list} onInput={onInput ? (e) => onInput(e.currentTarget.value) : undefined} />
    </FieldShell>
  );
}

export function TextAreaField({ field, label, hint }: { field: Field; label: string; hint?: string }) {
  const props = getTextareaProps(field, { ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <textarea {...props} key={props.key} rows={4} />
    </FieldShell>
  );
}

export function SelectField({
  field, label, options, placeholder, onChange,
}: {
  field: Field; label: string; options: ReadonlyArray<{ value: string; label: string }>; placeholder?: string;
  onChange?: (event: React.ChangeEvent<HTMLSelectElement>) => void;
}) {
  const props = getSelectProps(field);
  return (
    <FieldShell field={field} label={label}>
      <select {...props} key={props.key} onChange={onChange}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
