"""An earlier invitee list without a person-key column must give the same keys as the register validation."""
from __future__ import annotations

from quartierslabor_app.core.draw import load_exclusion_keys
from quartierslabor_app.core.draw.person_fields import person_address
from quartierslabor_app.core.register import load_register

HEADER = "Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer;Hausnummernzusatz;PLZ;Ort;Stadtbezirk\n"
ROWS = [
    "Müller;Anna;00.00.1950;w;Bornstraße;12;a;44145;Dortmund;Innenstadt-Nord\n",
    "Müller;Anna;00.00.1950;w;Bornstraße;12;;44145;Dortmund;Innenstadt-Nord\n",
    "Yılmaz;Can;03.04.1988;m;Evinger Str.;7;b;44339;Dortmund;Eving\n",
]


def test_exclusion_list_without_key_column_matches_register_keys(tmp_path):
    register_file = tmp_path / "auszug.csv"
    register_file.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    register = load_register(register_file)
    assert register.rows_valid == 3
    keys = list(register.person_key)
    assert len(set(keys)) == 3  # 12a and 12 are different households

    earlier = tmp_path / "frueher.csv"
    earlier.write_text(HEADER + ROWS[0] + ROWS[2], encoding="utf-8")
    excluded = load_exclusion_keys(earlier)
    assert excluded == {keys[0], keys[2]}


def test_letter_address_keeps_house_number_suffix(tmp_path):
    register_file = tmp_path / "auszug.csv"
    register_file.write_text(HEADER + ROWS[2], encoding="utf-8")
    register = load_register(register_file)
    address = person_address(register, int(register.valid_index[0]))
    assert address.street_line == "Evinger Str. 7b"
    assert (address.postcode, address.city) == ("44339", "Dortmund")
