/** The fields of the admin pages' GET filter forms: the id is the query parameter's name. */

export function FilterInput({ name, label, type = "search", defaultValue }: { name: string; label: string; type?: "search" | "date"; defaultValue?: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} type={type} defaultValue={defaultValue ?? ""} />
    </div>
  );
}

type Option = { value: string; label: string };

export function FilterSelect({ name, label, options, defaultValue, required }: { name: string; label: string; options: Option[]; defaultValue?: string; required?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={defaultValue ?? ""} required={required}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
